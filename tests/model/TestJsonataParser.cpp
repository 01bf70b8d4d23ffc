// The JSONata parser (model/jsonata): precedence, paths and every construct as S-expressions,
// each error code with its exact position, robustness on hostile input, and agreement with the
// JSONata 2.0.6 reference suite (../shared/jsonata-suite or $FLOWCAST_JSONATA_SUITE). Expected
// trees, codes and positions were checked against jsonata-js (its positions count UTF-16 units).
#include "model/jsonata/AstPrinter.h"
#include "model/jsonata/Parser.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace flowcast::model::jsonata;

namespace {

QString render(const ParseResult& result) {
    if (result.ok()) return QString::fromStdString(toSExpression(*result.ast));
    return QString::fromStdString("error " + result.error->code + ": " + result.error->message);
}

/// $FLOWCAST_JSONATA_SUITE, else ../shared/jsonata-suite; empty when neither exists.
QString suiteRoot() {
    const QString env = qEnvironmentVariable("FLOWCAST_JSONATA_SUITE");
    if (!env.isEmpty()) return QDir(env).exists("INDEX.tsv") ? env : QString();
    const QString shared = QString(FLOWCAST_SHARED_DIR) + "/jsonata-suite";
    return QDir(shared).exists("INDEX.tsv") ? QDir(shared).canonicalPath() : QString();
}

struct SuiteCase {
    QString path; // as in INDEX.tsv, "groups/x/case.json#2" for array files
    QString expression;
    QString expectedCode; // "code" or "error.code"; empty when a result is expected
    QString expectedToken;
};

QJsonDocument readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return {};
    // Qt's reader accepts the lone surrogate escapes two cases contain (it reads them as '?').
    return QJsonDocument::fromJson(file.readAll());
}

QVector<SuiteCase> readSuite(const QString& root) {
    QVector<SuiteCase> cases;
    QFile index(root + "/INDEX.tsv");
    if (!index.open(QIODevice::ReadOnly)) return cases;
    index.readLine(); // header
    QHash<QString, QJsonDocument> files;
    while (!index.atEnd()) {
        const QString line = QString::fromUtf8(index.readLine()).trimmed();
        if (line.isEmpty()) continue;
        const QString path = line.section('\t', 0, 0);
        const QString file = path.section('#', 0, 0);
        if (!files.contains(file)) files.insert(file, readJson(root + "/" + file));
        const QJsonDocument& doc = files[file];
        const QJsonObject object = path.contains('#')
                                       ? doc.array().at(path.section('#', 1).toInt()).toObject()
                                       : doc.object();
        SuiteCase c{path, object.value("expr").toString(), {}, object.value("token").toString()};
        if (object.contains("expr-file")) {
            QFile exprFile(root + "/" + QFileInfo(file).path() + "/" +
                           object.value("expr-file").toString());
            if (exprFile.open(QIODevice::ReadOnly))
                c.expression = QString::fromUtf8(exprFile.readAll());
        }
        if (object.contains("code")) c.expectedCode = object.value("code").toString();
        if (object.contains("error"))
            c.expectedCode = object.value("error").toObject().value("code").toString();
        cases.push_back(c);
    }
    return cases;
}

} // namespace

class TestJsonataParser : public QObject {
    Q_OBJECT

private slots:
    void precedence_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("tree");
        QTest::newRow("* before +") << "1 + 2 * 3"
                                    << "(+ 1 (* 2 3))";
        QTest::newRow("parentheses are a block") << "(1 + 2) * 3"
                                                 << "(* (block (+ 1 2)) 3)";
        QTest::newRow("- is left-associative") << "1 - 2 - 3"
                                               << "(- (- 1 2) 3)";
        QTest::newRow("and before or") << "a or b and c"
                                       << "(or (path a) (and (path b) (path c)))";
        QTest::newRow("and, or left to right") << "a and b or c"
                                               << "(or (and (path a) (path b)) (path c))";
        QTest::newRow("comparison before and") << "a = 1 and b != 2"
                                               << "(and (= (path a) 1) (!= (path b) 2))";
        QTest::newRow("& before =") << "'a' & 'b' = 'ab'"
                                    << "(= (& \"a\" \"b\") \"ab\")";
        QTest::newRow("all tiers") << "1 + 2 = 3 and 4 * 5 >= 6 or 7"
                                   << "(or (and (= (+ 1 2) 3) (>= (* 4 5) 6)) 7)";
        QTest::newRow("comparisons chain left") << "a < b <= c"
                                                << "(<= (< (path a) (path b)) (path c))";
        QTest::newRow("unary minus takes a path") << "-a.b"
                                                  << "(- (path a b))";
        QTest::newRow("minus number folded") << "-1"
                                             << "-1";
        QTest::newRow("unary minus binds tighter than *") << "- 2 * 3"
                                                          << "(* -2 3)";
        QTest::newRow("minus block not folded") << "-(1)"
                                                << "(- (block 1))";
        QTest::newRow("?: nests to the right")
            << "a ? b : c ? d : e"
            << "(? (path a) (path b) (? (path c) (path d) (path e)))";
        QTest::newRow(":= is right-associative") << "$x := $y := 1"
                                                 << "(:= $x (:= $y 1))";
        QTest::newRow("~> is left-associative") << "a ~> $f() ~> $g()"
                                                << "(~> (~> (path a) (call $f)) (call $g))";
        QTest::newRow("in") << "a in [1,2]"
                            << "(in (path a) (array 1 2))";
        QTest::newRow("/ after a variable divides") << "$a / 2"
                                                    << "(/ $a 2)";
        QTest::newRow("/ after a name divides") << "a/2"
                                                << "(/ (path a) 2)";
        QTest::newRow("/ at the start is a regex") << "/ab/i"
                                                   << "/ab/i";
        QTest::newRow("/ after ( is a regex") << "$f(/a/)"
                                              << "(call $f /a/)";
        QTest::newRow("% after an operand is modulo") << "x % 2"
                                                      << "(% (path x) 2)";
    }
    void precedence() { checkTree(); }

    void paths_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("tree");
        QTest::newRow("steps") << "a.b.c"
                               << "(path a b c)";
        QTest::newRow("filter stage") << "a.b[0].c"
                                      << "(path a b[0] c)";
        QTest::newRow("two filters") << "a[0][1]"
                                     << "(path a[0][1])";
        QTest::newRow("filter outside a path") << "$x[0]"
                                               << "$x[pred:0]";
        QTest::newRow("keep array") << "a[]"
                                    << "(path a:keep):keep:keepSingleton";
        QTest::newRow("keep array mid-path") << "a.b[].c"
                                             << "(path a b:keep c):keepSingleton";
        QTest::newRow("quoted name") << "`a b`.c"
                                     << "(path `a b` c)";
        QTest::newRow("string step is a name") << "'a b'.c"
                                               << "(path `a b` c)";
        QTest::newRow("keywords as names") << "and.or.in"
                                           << "(path and or in)";
        QTest::newRow("descendants") << "**.x"
                                     << "(path ** x)";
        QTest::newRow("wildcard") << "*.x"
                                  << "(path * x)";
        QTest::newRow("context") << "$.a"
                                 << "(path $ a)";
        QTest::newRow("root") << "$$.a"
                              << "(path $$ a)";
        QTest::newRow("group-by on a name") << "a{b: c}"
                                            << "(path a){group ((path b) (path c))}";
        QTest::newRow("group-by on a path") << "a.b{b: c}"
                                            << "(path a b){group ((path b) (path c))}";
        QTest::newRow("order-by") << "a.b^(c, >d)"
                                  << "(path a b (sort <(path c) >(path d)))";
        QTest::newRow("order-by ascending") << "a^(<c)"
                                            << "(path a (sort <(path c)))";
        QTest::newRow("focus") << "a@$x.b"
                               << "(path a@$x:tuple b)";
        QTest::newRow("index") << "a#$i.b"
                               << "(path a#$i:tuple b)";
        QTest::newRow("index after a filter") << "a[0]#$i"
                                              << "(path a[0]#$i:tuple)";
        QTest::newRow("filter after an index") << "a#$i[0]"
                                               << "(path a#$i[0]:tuple)";
        QTest::newRow("index makes a path") << "$x[0]#$i"
                                            << "(path $x[0]#$i:tuple)";
        QTest::newRow("parent") << "a.%.b"
                                << "(path a^!0:tuple %!0 b)";
        QTest::newRow("grandparent") << "a.b.c.%.%"
                                     << "(path a b^!1:tuple c^!0:tuple %!0 %!1)";
        QTest::newRow("parent inside a block") << "a.(b.%)"
                                               << "(path a (block (path b^!0:tuple %!0)))";
        QTest::newRow("parent in a filter is the filtered step")
            << "a.b[%.c = 1]"
            << "(path a b[(= (path %!0 c) 1)]^!0:tuple)";
        QTest::newRow("array constructor first") << "[1,2].a"
                                                 << "(path (array 1 2):cons a)";
        QTest::newRow("array constructor last") << "a.[b,c]"
                                                << "(path a (array (path b) (path c)):cons)";
        QTest::newRow("filtered call first") << "$f(1)[0].a"
                                             << "(path (call $f 1)[pred:0] a)";
        QTest::newRow("filtered call as step") << "a.$f(1)[0]"
                                               << "(path a (call $f 1)[0])";
    }
    void paths() { checkTree(); }

    void constructs_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("tree");
        QTest::newRow("object") << "{'a': 1, 'b': [2]}"
                                << "(object (\"a\" 1) (\"b\" (array 2)))";
        QTest::newRow("range") << "[1..3, 5]"
                               << "(array (.. 1 3) 5)";
        QTest::newRow("block") << "(a; b)"
                               << "(block (path a) (path b))";
        QTest::newRow("empty block") << "()"
                                     << "(block)";
        QTest::newRow("call") << "$f(1, 'x')"
                              << "(call $f 1 \"x\")";
        QTest::newRow("call of a call") << "$f()()"
                                        << "(call (call $f))";
        QTest::newRow("partial") << "$f(?, 2)"
                                 << "(partial $f ? 2)";
        QTest::newRow("lambda") << "function($a, $b){$a + $b}"
                                << "(lambda ($a $b) (+ $a $b))";
        QTest::newRow("λ with signature") << "λ($a)<n:n>{$a}"
                                          << "(lambda ($a) <n:n> $a)";
        QTest::newRow("nested signature") << "λ($a, $b)<a<s>s?:s>{$join($a, $b)}"
                                          << "(lambda ($a $b) <a<s>s?:s> (call $join $a $b):tail)";
        QTest::newRow("tail call in a branch")
            << "function($n){$n = 0 ? 1 : $f($n - 1)}"
            << "(lambda ($n) (? (= $n 0) 1 (call $f (- $n 1)):tail))";
        QTest::newRow("tail call ends a block")
            << "function($n){($x := 1; $f($x))}"
            << "(lambda ($n) (block (:= $x 1) (call $f $x):tail))";
        QTest::newRow("filtered call is no tail call") << "function($n){$f($n)[0]}"
                                                       << "(lambda ($n) (call $f $n)[pred:0])";
        QTest::newRow("transform") << "| a | {'b': 1} |"
                                   << "(transform (path a) (object (\"b\" 1)))";
        QTest::newRow("transform with delete") << "| a | {}, ['c'] |"
                                               << "(transform (path a) (object) (array \"c\"))";
        QTest::newRow("bind") << "$x := 5"
                              << "(:= $x 5)";
        QTest::newRow("condition without else") << "a ? b"
                                                << "(? (path a) (path b))";
        QTest::newRow("chain") << "$x ~> $f"
                               << "(~> $x $f)";
        QTest::newRow("chain keeps array") << "a ~> $f()[]"
                                           << "(~> (path a) (call $f):keep):keep";
        QTest::newRow("true") << "true"
                              << "true";
        QTest::newRow("null") << "null"
                              << "null";
        QTest::newRow("escapes") << "\"s\\n\\\"\""
                                 << "\"s\\n\\\"\"";
        QTest::newRow("exponent") << "1e3"
                                  << "1000";
        QTest::newRow("fraction") << "0.000001"
                                  << "0.000001";
        QTest::newRow("large") << "1e21"
                               << "1e+21";
        QTest::newRow("tiny number underflows to 0") << "1e-400"
                                                     << "0";
        QTest::newRow("unicode escape") << "\"\\u00e9\""
                                        << "\"é\"";
        QTest::newRow("surrogate pair escape") << "\"\\ud834\\udd1e\""
                                               << "\"𝄞\"";
        QTest::newRow("regex flags") << "/a/im"
                                     << "/a/im";
        QTest::newRow("slash inside a regex class") << "/[/]x/"
                                                    << "/[/]x/";
        QTest::newRow("context variable") << "$"
                                          << "$";
        QTest::newRow("root variable") << "$$"
                                       << "$$";
        QTest::newRow("comment") << "1 /* c */ + 2"
                                 << "(+ 1 2)";
        QTest::newRow("only whitespace after") << "a  \n"
                                               << "(path a)";
    }
    void constructs() { checkTree(); }

    void errors_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("code");
        QTest::addColumn<int>("position");
        QTest::addColumn<QString>("token");
        QTest::newRow("S0101") << "\"abc"
                               << "S0101" << 4 << "";
        QTest::newRow("S0102") << "10e1000"
                               << "S0102" << 0 << "10e1000";
        QTest::newRow("S0103") << "\"\\y\""
                               << "S0103" << 2 << "y";
        QTest::newRow("S0104") << "\"\\u12g4\""
                               << "S0104" << 2 << "";
        QTest::newRow("S0105") << "`abc"
                               << "S0105" << 4 << "";
        QTest::newRow("S0106") << "1 /* x"
                               << "S0106" << 2 << "";
        QTest::newRow("S0201 trailing token") << "Account.Order[0].Product;"
                                              << "S0201" << 25 << ";";
        QTest::newRow("S0201 range outside []") << "1..3"
                                                << "S0201" << 3 << "..";
        QTest::newRow("S0201 two operands") << "a.b c"
                                            << "S0201" << 5 << "c";
        QTest::newRow("S0202") << "[1,2)"
                               << "S0202" << 5 << ")";
        QTest::newRow("S0202 number token") << "{\"a\" 1}"
                                            << "S0202" << 6 << "1";
        QTest::newRow("S0202 lambda body") << "function($a) $a"
                                           << "S0202" << 15 << "a";
        QTest::newRow("S0203") << "$f(1"
                               << "S0203" << 4 << "(end)";
        QTest::newRow("S0203 transform") << "|a|b"
                                         << "S0203" << 4 << "(end)";
        QTest::newRow("S0204 !") << "[1!2]"
                                 << "S0204" << 3 << "!";
        QTest::newRow("S0204 ~") << "a ~ b"
                                 << "S0204" << 3 << "~";
        QTest::newRow("S0207") << "1="
                               << "S0207" << 2 << "(end)";
        QTest::newRow("S0208") << "function(x){$x}"
                               << "S0208" << 10 << "x";
        QTest::newRow("S0208 second") << "function($a, 2){$a}"
                                      << "S0208" << 14 << "2";
        QTest::newRow("S0209") << "[1,2,3]{'a': $}[true]"
                               << "S0209" << 16 << "";
        QTest::newRow("S0210") << "a{'x':1}{'y':2}"
                               << "S0210" << 9 << "";
        QTest::newRow("S0211") << "@ bar"
                               << "S0211" << 1 << "@";
        QTest::newRow("S0211 ??") << "a ?? b"
                                  << "S0211" << 4 << "?";
        QTest::newRow("S0211 ^") << "a.^(b)"
                                 << "S0211" << 3 << "^";
        QTest::newRow("S0212") << "x := 1"
                               << "S0212" << 1 << "x";
        QTest::newRow("S0212 filter") << "$a[1] := 3"
                                      << "S0212" << 3 << "[";
        QTest::newRow("S0213") << "$.7"
                               << "S0213" << 3 << "";
        QTest::newRow("S0213 true") << "a.true"
                                    << "S0213" << 6 << "";
        QTest::newRow("S0214 @") << "a@b"
                                 << "S0214" << 3 << "@";
        QTest::newRow("S0214 #") << "a#1"
                                 << "S0214" << 3 << "#";
        QTest::newRow("S0215") << "a[1]@$o"
                               << "S0215" << 5 << "";
        QTest::newRow("S0216") << "a^(b)@$o"
                               << "S0216" << 6 << "";
        QTest::newRow("S0217 alone") << "%"
                                     << "S0217" << 1 << "parent";
        QTest::newRow("S0217 variable") << "$.%"
                                        << "S0217" << 1 << "variable";
        QTest::newRow("S0217 object") << "{'hello': 'world'}.%"
                                      << "S0217" << 1 << "unary";
        QTest::newRow("S0301") << "//"
                               << "S0301" << 1 << "";
        QTest::newRow("S0302") << "/abc"
                               << "S0302" << 4 << "";
        QTest::newRow("S0302 unbalanced") << "/a)/"
                                          << "S0302" << 4 << "";
        QTest::newRow("S0401") << "λ($a)<n<n>>{$a}"
                               << "S0401" << 8 << "";
        QTest::newRow("S0402") << "λ($a)<(sa<n>)>{$a}"
                               << "S0402" << 7 << "";
        QTest::newRow("position counts UTF-16 units") << "'é' & x y"
                                                      << "S0201" << 9 << "y";
        QTest::newRow("astral char counts 2") << "'𝄞' y"
                                              << "S0201" << 6 << "y";
    }
    void errors() {
        QFETCH(QString, expression);
        QFETCH(QString, code);
        QFETCH(int, position);
        QFETCH(QString, token);
        const ParseResult result = parse(expression.toStdString());
        QVERIFY2(!result.ok(), qPrintable(render(result)));
        QVERIFY(result.ast == nullptr);
        QCOMPARE(QString::fromStdString(result.error->code), code);
        QCOMPARE(result.error->position, std::size_t(position));
        QCOMPARE(QString::fromStdString(result.error->token), token);
    }

    void messages_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("S0202") << "[1,2)"
                               << "Expected \"]\", got \")\"";
        QTest::newRow("S0202 number") << "{\"a\" 1}"
                                      << "Expected \":\", got 1";
        QTest::newRow("S0203") << "$f(1"
                               << "Expected \")\" before end of expression";
        QTest::newRow("S0103") << "\"\\y\""
                               << "Unsupported escape sequence: \\\"y\"";
        QTest::newRow("S0102") << "10e1000"
                               << "Number out of range: \"10e1000\"";
        QTest::newRow("S0208")
            << "function(x){$x}"
            << "Parameter 1 of function definition must be a variable name (start with $)";
        QTest::newRow("S0211") << "@ bar"
                               << "The symbol \"@\" cannot be used as a unary operator";
        QTest::newRow("S0213")
            << "$.7"
            << "The literal value 7 cannot be used as a step within a path expression";
        QTest::newRow("S0214") << "a@b"
                               << "The right side of \"@\" must be a variable name (start with $)";
        QTest::newRow("S0216")
            << "a^(b)@$o"
            << "A context variable binding must precede the 'order-by' clause on a step";
    }
    void messages() {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const ParseResult result = parse(expression.toStdString());
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error->message), message);
    }

    void coalescingOperatorsNeedTheOption() {
        ParseOptions jsonata21;
        jsonata21.coalescingOperators = true;
        QCOMPARE(render(parse("a ?? b ?? c", jsonata21)), "(?? (path a) (?? (path b) (path c)))");
        QCOMPARE(render(parse("a ?: b", jsonata21)), "(?: (path a) (path b))");
        QCOMPARE(render(parse("x = a ?? b + 1", jsonata21)),
                 "(?? (= (path x) (path a)) (+ (path b) 1))");
        QCOMPARE(render(parse("λ($a)<s?:s>{$a}", jsonata21)), "(lambda ($a) <s?:s> $a)");
        QCOMPARE(QString::fromStdString(parse("a ?: b").error->code), "S0211");
    }

    void signatureIsParsed() {
        const ParseResult result = parse("λ($a, $b, $c)<a<s>s-n?:s>{$a}");
        QVERIFY2(result.ok(), qPrintable(render(result)));
        const auto& signature = *result.ast->as<LambdaExpr>().signature;
        QCOMPARE(signature.definition, std::string("<a<s>s-n?:s>"));
        QCOMPARE(signature.params.size(), std::size_t(3));
        QCOMPARE(signature.params[0].type, std::string("a"));
        QCOMPARE(signature.params[0].subtype, std::string("s"));
        QCOMPARE(signature.params[1].regex, std::string("[sm]?"));
        QVERIFY(signature.params[1].useContext);
        QVERIFY(signature.params[2].optional);
        QCOMPARE(signature.params[2].regex, std::string("[nm]?"));
    }

    void nodesCarryPositions() {
        const std::string text = "'é'.$f(x)";
        const ParseResult result = parse(text);
        QVERIFY2(result.ok(), qPrintable(render(result)));
        QCOMPARE(result.ast->kind, NodeKind::Path);
        const auto& steps = result.ast->as<PathExpr>().steps;
        QCOMPARE(steps[0]->kind, NodeKind::Name);
        QCOMPARE(steps[0]->position, std::size_t(3)); // just past the closing quote
        QCOMPARE(steps[1]->kind, NodeKind::Function);
        QCOMPARE(steps[1]->position, std::size_t(7));    // just past "("
        QCOMPARE(byteOffsetOf(text, 7), std::size_t(8)); // é is two bytes
        QCOMPARE(steps[1]->as<Call>().arguments[0]->kind, NodeKind::Path);
    }

    void deepNestingFailsCleanly_data() {
        QTest::addColumn<QString>("expression");
        const auto repeat = [](const char* s, int n) { return QString(s).repeated(n); };
        QTest::newRow("parentheses") << repeat("(", 100000) + "1" + repeat(")", 100000);
        QTest::newRow("arrays") << repeat("[", 100000);
        QTest::newRow("unary minus") << repeat("-", 100000) + "1";
        QTest::newRow("calls") << repeat("$f(", 20000);
        QTest::newRow("conditions") << repeat("a ? ", 20000) + "b";
        QTest::newRow("binds") << repeat("$a := ", 20000) + "1";
        QTest::newRow("flat chain") << repeat("1 + ", 20000) + "1";
        QTest::newRow("flat path") << repeat("a.", 20000) + "a";
        QTest::newRow("objects") << repeat("{'a': ", 20000);
        QTest::newRow("transforms") << repeat("| ", 20000);
    }
    void deepNestingFailsCleanly() {
        QFETCH(QString, expression);
        const ParseResult result = parse(expression.toStdString());
        QVERIFY(!result.ok());
        QCOMPARE(result.error->code, std::string(kNestingTooDeep));
    }

    void nestingJustBelowTheLimitParses() {
        const int depth = kMaxNestingDepth - 2;
        const QString expression =
            QString("(").repeated(depth) + "1" + QString(")").repeated(depth);
        const ParseResult result = parse(expression.toStdString());
        QVERIFY2(result.ok(), qPrintable(render(result)));
    }

    void garbageNeverCrashes() {
        // Fixed seed: the same 20000 strings on every run.
        const std::string alphabet =
            ".[]{}()@#;:?+-*/%|=<>^!~&$\"'`\\ \n,0129aezλ\xF0\x9D\x84\x9E\xFF";
        std::uint32_t state = 12345;
        const auto next = [&state] { return state = state * 1664525u + 1013904223u; };
        int failures = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string text;
            const int length = next() % 40;
            for (int j = 0; j < length; ++j)
                text += alphabet[next() % alphabet.size()];
            const ParseResult result = parse(text);
            QVERIFY(result.ok() != result.error.has_value());
            if (!result.ok()) {
                ++failures;
                QVERIFY(!result.error->message.empty());
                QVERIFY(result.error->position <= text.size());
            }
        }
        QVERIFY(failures > 10000); // random text is mostly invalid
    }

    void conformance() {
        const QString root = suiteRoot();
        if (root.isEmpty()) {
            QSKIP("JSONata suite not found: set FLOWCAST_JSONATA_SUITE or put "
                  "../shared/jsonata-suite beside the checkout");
        }
        const QVector<SuiteCase> cases = readSuite(root);
        QVERIFY2(cases.size() > 1600, "INDEX.tsv lists fewer cases than expected");
        int mustParse = 0, parsed = 0, mustFail = 0, failedAlike = 0;
        QStringList disagreements;
        for (const SuiteCase& c : cases) {
            const ParseResult result = parse(c.expression.toStdString());
            const QString got = result.ok() ? "parsed" : QString::fromStdString(result.error->code);
            if (!c.expectedCode.startsWith("S0")) {
                ++mustParse;
                if (result.ok())
                    ++parsed;
                else
                    disagreements << c.path + ": expected to parse, got " + render(result);
                continue;
            }
            ++mustFail;
            const bool tokenOk =
                c.expectedToken.isEmpty() ||
                (!result.ok() && QString::fromStdString(result.error->token) == c.expectedToken);
            if (got == c.expectedCode && tokenOk)
                ++failedAlike;
            else
                disagreements << c.path + ": expected " + c.expectedCode + ", got " +
                                     render(result);
        }
        const int agree = parsed + failedAlike;
        qInfo("JSONata suite: %d cases; %d/%d parse as expected; %d/%d fail with the expected S0 "
              "code; "
              "agreement %d/%d (%.2f%%)",
              int(cases.size()), parsed, mustParse, failedAlike, mustFail, agree, int(cases.size()),
              100.0 * agree / cases.size());
        for (const QString& d : disagreements)
            qInfo("disagreement: %s", qPrintable(d));
        QVERIFY2(agree >= 0.99 * cases.size(), "agreement with the JSONata suite is below 99%");
    }

private:
    void checkTree() {
        QFETCH(QString, expression);
        QFETCH(QString, tree);
        QCOMPARE(render(parse(expression.toStdString())), tree);
    }
};

QTEST_APPLESS_MAIN(TestJsonataParser)
#include "TestJsonataParser.moc"
