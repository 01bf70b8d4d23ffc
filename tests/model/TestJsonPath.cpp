// JSONPath evaluation (Jayway semantics, as Step Functions runs it) and ResultPath. JSON is
// written with ' for " to stay readable; paths are written as they are.
#include "model/asl/eval/JsonPath.h"

#include "tests/common/EvalSupport.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <string>

using namespace flowcast::model;
using namespace flowcast::model::eval;

namespace {

// ' stands for ", and \' for a real '.
Json parse(const QString& singleQuoted) { return quotedJson(singleQuoted); }

QString describe(const Result<Json>& result) { return describeResult(result); }

// Jayway's README document (the "store" example), books and bicycle kept apart to build results.
const QString kBook0 = "{'category': 'reference', 'author': 'Nigel Rees', 'title': 'Sayings of the Century', 'price': 8.95}";
const QString kBook1 = "{'category': 'fiction', 'author': 'Evelyn Waugh', 'title': 'Sword of Honour', 'price': 12.99}";
const QString kBook2 = "{'category': 'fiction', 'author': 'Herman Melville', 'title': 'Moby Dick', 'isbn': '0-553-21311-3', 'price': 8.99}";
const QString kBook3 = "{'category': 'fiction', 'author': 'J. R. R. Tolkien', 'title': 'The Lord of the Rings', 'isbn': '0-395-19395-8', 'price': 22.99}";
const QString kBooks = "[" + kBook0 + ", " + kBook1 + ", " + kBook2 + ", " + kBook3 + "]";
const QString kBicycle = "{'color': 'red', 'price': 19.95}";
const QString kStoreObject = "{'book': " + kBooks + ", 'bicycle': " + kBicycle + "}";
const QString kStore = "{'store': " + kStoreObject + ", 'expensive': 10}";
const QString kAuthors = "['Nigel Rees', 'Evelyn Waugh', 'Herman Melville', 'J. R. R. Tolkien']";

// The Paths page of the AWS developer guide.
const QString kAwsPaths = "{'foo': 123, 'bar': ['a', 'b', 'c'], 'car': {'cdr': true}, 'jar': [{'a': 1}, {'a': 5}, {'a': 2}, {'a': 7}, {'a': 3}]}";
// The Parameters example of the ASL specification.
const QString kVals = "{'flagged': 7, 'vals': [0, 10, 20, 30, 40, 50]}";
const QString kTyped = "{'items': [{'v': 1}, {'v': '1'}, {'v': true}, {'v': null}, {'v': 'b'}, {'v': 2.5}, {'w': 0}]}";

const QString kContext = "{'Execution': {'Id': 'arn:aws:states:us-east-1:123456789012:execution:M:e1', 'Input': {'k': 1}}, 'State': {'Name': 'S'}}";
const QString kVariables = "{'myVar': {'x': [1, 2]}, 'count': 3, 'name': 'Moby Dick'}";

} // namespace

class TestJsonPath : public QObject {
    Q_OBJECT

private slots:
    void evaluate_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("expected");

        // Jayway's README table on the store document.
        QTest::newRow("store authors") << kStore << "$.store.book[*].author" << kAuthors;
        QTest::newRow("all authors") << kStore << "$..author" << kAuthors;
        QTest::newRow("store children") << kStore << "$.store.*" << "[" + kBooks + ", " + kBicycle + "]";
        QTest::newRow("store prices") << kStore << "$.store..price" << "[8.95, 12.99, 8.99, 22.99, 19.95]";
        QTest::newRow("third book") << kStore << "$..book[2]" << "[" + kBook2 + "]";
        QTest::newRow("second to last") << kStore << "$..book[-2]" << "[" + kBook2 + "]";
        QTest::newRow("first two union") << kStore << "$..book[0,1]" << "[" + kBook0 + ", " + kBook1 + "]";
        QTest::newRow("slice to") << kStore << "$..book[:2]" << "[" + kBook0 + ", " + kBook1 + "]";
        QTest::newRow("slice between") << kStore << "$..book[1:2]" << "[" + kBook1 + "]";
        QTest::newRow("last two") << kStore << "$..book[-2:]" << "[" + kBook2 + ", " + kBook3 + "]";
        QTest::newRow("slice from") << kStore << "$..book[2:]" << "[" + kBook2 + ", " + kBook3 + "]";
        QTest::newRow("with isbn") << kStore << "$..book[?(@.isbn)]" << "[" + kBook2 + ", " + kBook3 + "]";
        QTest::newRow("cheaper than 10") << kStore << "$.store.book[?(@.price < 10)]" << "[" + kBook0 + ", " + kBook2 + "]";
        QTest::newRow("not expensive") << kStore << "$..book[?(@.price <= $['expensive'])]" << "[" + kBook0 + ", " + kBook2 + "]";
        QTest::newRow("last book script") << kStore << "$..book[(@.length-1)]" << "[" + kBook3 + "]";
        QTest::newRow("number of books") << kStore << "$..book.length()" << "4";
        QTest::newRow("everything") << kStore << "$..*"
                                    << "[" + kStoreObject + ", 10, " + kBooks + ", " + kBicycle + ", " + kBook0 + ", " + kBook1 + ", " + kBook2 + ", " + kBook3 +
                                           ", 'reference', 'Nigel Rees', 'Sayings of the Century', 8.95"
                                           ", 'fiction', 'Evelyn Waugh', 'Sword of Honour', 12.99"
                                           ", 'fiction', 'Herman Melville', 'Moby Dick', '0-553-21311-3', 8.99"
                                           ", 'fiction', 'J. R. R. Tolkien', 'The Lord of the Rings', '0-395-19395-8', 22.99"
                                           ", 'red', 19.95]";

        // More filters on the store.
        QTest::newRow("filter equals string") << kStore << "$.store.book[?(@.category == 'fiction')].title" << "['Sword of Honour', 'Moby Dick', 'The Lord of the Rings']";
        QTest::newRow("filter double quotes") << kStore << "$.store.book[?(@.category == \"reference\")].title" << "['Sayings of the Century']";
        QTest::newRow("filter bare word") << kStore << "$.store.book[?(@.category == fiction)].title" << "['Sword of Honour', 'Moby Dick', 'The Lord of the Rings']";
        QTest::newRow("filter and") << kStore << "$.store.book[?(@.price > 10 && @.category == 'fiction')].author" << "['Evelyn Waugh', 'J. R. R. Tolkien']";
        QTest::newRow("filter or") << kStore << "$.store.book[?(@.price < 9 || @.price > 20)].price" << "[8.95, 8.99, 22.99]";
        QTest::newRow("filter not exists") << kStore << "$.store.book[?(!@.isbn)].title" << "['Sayings of the Century', 'Sword of Honour']";
        QTest::newRow("filter not group") << kStore << "$.store.book[?(!(@.price < 10))].price" << "[12.99, 22.99]";
        QTest::newRow("filter grouping") << kStore << "$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].title" << "['Moby Dick', 'The Lord of the Rings']";
        QTest::newRow("filter in") << kStore << "$.store.book[?(@.author in ['Nigel Rees', 'Herman Melville'])].price" << "[8.95, 8.99]";
        QTest::newRow("filter nin") << kStore << "$.store.book[?(@.category nin ['fiction'])].author" << "['Nigel Rees']";
        QTest::newRow("filter ge") << kStore << "$.store.book[?(@.price >= 12.99)].price" << "[12.99, 22.99]";
        QTest::newRow("filter ne") << kStore << "$.store.book[?(@.price != 8.95)].price" << "[12.99, 8.99, 22.99]";
        QTest::newRow("filter string order") << kStore << "$.store.book[?(@.title > 'S')].title" << "['Sayings of the Century', 'Sword of Honour', 'The Lord of the Rings']";
        QTest::newRow("filter no spaces") << kStore << "$.store.book[?(@.price<9)].price" << "[8.95, 8.99]";
        QTest::newRow("filter nested path") << kStore << "$[?(@.store.bicycle.color == 'red')].expensive" << "[10]";
        QTest::newRow("scan filter") << kStore << "$..[?(@.price < 10)].title" << "['Sayings of the Century', 'Moby Dick']";
        QTest::newRow("filter variable") << kStore << "$.store.book[?(@.title == $name)].author" << "['Herman Melville']";
        QTest::newRow("filter on function") << "{'rows': [{'t': [1, 2]}, {'t': [1]}]}" << "$.rows[?(@.t.length() > 1)]" << "[{'t': [1, 2]}]";
        QTest::newRow("filter object itself") << kStore << "$.store.bicycle[?(@.color == 'red')].price" << "[19.95]";
        QTest::newRow("no match is empty") << kStore << "$.store.book[?(@.price > 100)]" << "[]";

        // Definite paths give the value itself.
        QTest::newRow("member") << kStore << "$.store.book[0].title" << "'Sayings of the Century'";
        QTest::newRow("brackets") << kStore << "$['store']['bicycle'][\"color\"]" << "'red'";
        QTest::newRow("negative index") << kStore << "$.store.book[-1].author" << "'J. R. R. Tolkien'";
        QTest::newRow("root") << kStore << "$" << kStore;
        QTest::newRow("merge names") << kStore << "$.store.bicycle['color','price']" << kBicycle;
        QTest::newRow("merge names per book") << kStore << "$.store.book[*]['author','price']"
                                              << "[{'author': 'Nigel Rees', 'price': 8.95}, {'author': 'Evelyn Waugh', 'price': 12.99}, {'author': 'Herman Melville', 'price': 8.99}, {'author': 'J. R. R. Tolkien', 'price': 22.99}]";
        QTest::newRow("union of names") << kStore << "$.store['bicycle','missing'].color" << "['red']";
        QTest::newRow("length of array") << kStore << "$.store.book.length()" << "4";
        QTest::newRow("length per match") << kStore << "$.store.book[*].length()" << "[4, 4, 5, 5]";
        QTest::newRow("missing under wildcard") << kStore << "$.store.nothing[*]" << "[]";
        QTest::newRow("scan finds nothing") << kStore << "$..nothing" << "[]";
        QTest::newRow("slice past the end") << kStore << "$.store.book[5:]" << "[]";

        // AWS developer guide, Paths; ASL specification, Parameters.
        QTest::newRow("aws foo") << kAwsPaths << "$.foo" << "123";
        QTest::newRow("aws bar") << kAwsPaths << "$.bar" << "['a', 'b', 'c']";
        QTest::newRow("aws car cdr") << kAwsPaths << "$.car.cdr" << "true";
        QTest::newRow("aws jar filter") << kAwsPaths << "$.jar[?(@.a >= 5)]" << "[{'a': 5}, {'a': 7}]";
        QTest::newRow("aws at skips scalars") << kAwsPaths << "$.bar[?(@ == 'a')]" << "[]";
        QTest::newRow("asl first") << kVals << "$.vals[0]" << "0";
        QTest::newRow("asl last three") << kVals << "$.vals[3:]" << "[30, 40, 50]";
        QTest::newRow("aws flatten") << "[[1, 2], [3], []]" << "$[*][*]" << "[1, 2, 3]";
        QTest::newRow("aws InputPath") << "{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}}"
                                       << "$.lambda" << "{'who': 'AWS Step Functions'}";
        QTest::newRow("aws bracket name") << "{'abc': {'def ghi': 1}}" << "$.abc.['def ghi']" << "1";

        // Arrays: indexes, unions, slices, wildcards, scripts, functions.
        QTest::newRow("slice 1:3") << kVals << "$.vals[1:3]" << "[10, 20]";
        QTest::newRow("slice :2") << kVals << "$.vals[:2]" << "[0, 10]";
        QTest::newRow("slice 1:") << kVals << "$.vals[1:]" << "[10, 20, 30, 40, 50]";
        QTest::newRow("slice -2:") << kVals << "$.vals[-2:]" << "[40, 50]";
        QTest::newRow("slice :-1") << kVals << "$.vals[:-1]" << "[0, 10, 20, 30, 40]";
        QTest::newRow("union 0,2") << kVals << "$.vals[0,2]" << "[0, 20]";
        QTest::newRow("union keeps its order") << kVals << "$.vals[2, 0]" << "[20, 0]";
        QTest::newRow("union skips missing") << kVals << "$.vals[1,9]" << "[10]";
        QTest::newRow("index -1") << kVals << "$.vals[-1]" << "50";
        QTest::newRow("wildcard bracket") << kVals << "$.vals[*]" << "[0, 10, 20, 30, 40, 50]";
        QTest::newRow("wildcard dot") << kVals << "$.vals.*" << "[0, 10, 20, 30, 40, 50]";
        QTest::newRow("wildcard object") << kVals << "$.*" << "[7, [0, 10, 20, 30, 40, 50]]";
        QTest::newRow("dot bracket index") << "[1, 2]" << "$.[0]" << "1";
        QTest::newRow("dot bracket name") << kVals << "$.['flagged']" << "7";
        QTest::newRow("script -2") << kVals << "$.vals[(@.length-2)]" << "40";
        QTest::newRow("length") << kVals << "$.vals.length()" << "6";
        QTest::newRow("length of object") << kVals << "$.length()" << "2";
        QTest::newRow("length of scalar") << kVals << "$.flagged.length()" << "null";
        QTest::newRow("sum") << kVals << "$.vals.sum()" << "150.0";
        QTest::newRow("avg") << kVals << "$.vals.avg()" << "25.0";
        QTest::newRow("min") << kVals << "$.vals.min()" << "0.0";
        QTest::newRow("max") << kVals << "$.vals.max()" << "50.0";
        QTest::newRow("sum skips non-numbers") << "{'a': [1, 'x', 2.5, null]}" << "$.a.sum()" << "3.5";
        QTest::newRow("scan sum") << "{'a': {'n': 1}, 'b': [{'n': 2}, {'n': 'x'}]}" << "$..n.sum()" << "3.0";

        // Deep scan order: each node's own result before its descendants'.
        QTest::newRow("scan index") << "{'a': [[1, 2], [3]], 'b': {'c': [4]}}" << "$..[0]" << "[[1, 2], 1, 3, 4]";
        QTest::newRow("scan wildcard") << "{'a': {'b': 1}, 'c': [2]}" << "$..*" << "[{'b': 1}, [2], 1, 2]";
        QTest::newRow("scan name") << "{'a': {'b': 1, 'c': {'b': 2}}, 'b': 3}" << "$..b" << "[3, 1, 2]";
        QTest::newRow("scan bracket wildcard") << "{'a': [1]}" << "$..[*]" << "[[1], 1]";

        // Member names that need brackets.
        QTest::newRow("space in name") << "{'a b': 1}" << "$['a b']" << "1";
        QTest::newRow("double quoted name") << "{'a b': 1}" << "$[\"a b\"]" << "1";
        QTest::newRow("dot in name") << "{'x': {'y.z': 2}}" << "$.x['y.z']" << "2";
        QTest::newRow("escaped quote") << "{'it\\'s': 3}" << "$['it\\'s']" << "3";
        QTest::newRow("null value") << "{'a': null}" << "$.a" << "null";

        // Comparisons across types (Jayway: a number equals the string that spells it).
        QTest::newRow("eq number") << kTyped << "$.items[?(@.v == 1)]" << "[{'v': 1}, {'v': '1'}]";
        QTest::newRow("eq numeric string") << kTyped << "$.items[?(@.v == '1')]" << "[{'v': 1}, {'v': '1'}]";
        QTest::newRow("eq true") << kTyped << "$.items[?(@.v == true)]" << "[{'v': true}]";
        QTest::newRow("eq false") << kTyped << "$.items[?(@.v == false)]" << "[]";
        QTest::newRow("eq null") << kTyped << "$.items[?(@.v == null)]" << "[{'v': null}]";
        QTest::newRow("ne null") << kTyped << "$.items[?(@.v != null)]" << "[{'v': 1}, {'v': '1'}, {'v': true}, {'v': 'b'}, {'v': 2.5}, {'w': 0}]";
        QTest::newRow("gt number") << kTyped << "$.items[?(@.v > 1)]" << "[{'v': 2.5}]";
        QTest::newRow("le number") << kTyped << "$.items[?(@.v <= 1)]" << "[{'v': 1}]";
        QTest::newRow("lt string") << kTyped << "$.items[?(@.v < 'c')]" << "[{'v': '1'}, {'v': 'b'}]";
        QTest::newRow("exists includes null") << kTyped << "$.items[?(@.v)]" << "[{'v': 1}, {'v': '1'}, {'v': true}, {'v': null}, {'v': 'b'}, {'v': 2.5}]";
        QTest::newRow("eq object literal") << "{'a': [{'p': {'x': 1}}, {'p': {'x': 2}}]}" << "$.a[?(@.p == {\"x\": 2})]" << "[{'p': {'x': 2}}]";
        QTest::newRow("negative literal") << "{'a': [{'t': -3}, {'t': 4}]}" << "$.a[?(@.t < -1)]" << "[{'t': -3}]";
        QTest::newRow("big integers") << "{'a': [{'n': 18446744073709551615}, {'n': -1}]}" << "$.a[?(@.n > 0)]" << "[{'n': 18446744073709551615}]";

        // $$ (context object) and $name (variables).
        QTest::newRow("context") << kVals << "$$" << kContext;
        QTest::newRow("context member") << kVals << "$$.Execution.Id" << "'arn:aws:states:us-east-1:123456789012:execution:M:e1'";
        QTest::newRow("context filter root") << kVals << "$$.Execution[?(@.Input.k == $.Execution.Input.k)].Id" << "['arn:aws:states:us-east-1:123456789012:execution:M:e1']";
        QTest::newRow("variable") << kVals << "$myVar" << "{'x': [1, 2]}";
        QTest::newRow("variable member") << kVals << "$myVar.x[1]" << "2";
        QTest::newRow("variable scalar") << kVals << "$count" << "3";
        QTest::newRow("variable in filter") << "{'items': [{'n': 1}, {'n': 5}]}" << "$.items[?(@.n > $count)]" << "[{'n': 5}]";
    }

    void evaluate() {
        QFETCH(QString, input);
        QFETCH(QString, path);
        QFETCH(QString, expected);
        const Json document = parse(input);
        const Json context = parse(kContext);
        const JsonVariables variables(parse(kVariables));
        const Scope scope{document, context, &variables, nullptr};

        const Result<Json> result = evaluatePath(path.toStdString(), scope);
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY2(result.value() == parse(expected), qPrintable(describe(result)));
    }

    void errors_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("cause");

        // Jayway's reasons, in AWS's wrapping ("Invalid path '...' : ...").
        QTest::newRow("missing leaf") << "{'a': 1}" << "$.x" << "Invalid path '$.x' : No results for path: $['x']";
        QTest::newRow("missing deep leaf") << "{'a': {}}" << "$.a.b" << "Invalid path '$.a.b' : No results for path: $['a']['b']";
        QTest::newRow("missing middle") << "{'a': 1}" << "$.x.y" << "Invalid path '$.x.y' : Missing property in path $['x']";
        QTest::newRow("member of a number") << "{'a': 1}" << "$.a.b" << "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found a number";
        QTest::newRow("member of an array") << "[1]" << "$.a" << "Invalid path '$.a' : Expected to find an object with property ['a'] in path $ but found an array";
        QTest::newRow("member of null") << "{'a': null}" << "$.a.b" << "Invalid path '$.a.b' : Expected to find an object with property ['b'] in path $['a'] but found null";
        QTest::newRow("index of an object") << "{'a': {'b': 1}}" << "$.a[0]" << "Invalid path '$.a[0]' : Filter: [0] can only be applied to arrays. Current context is: {\"b\":1}";
        QTest::newRow("index of null") << "{'a': null}" << "$.a[0].c" << "Invalid path '$.a[0].c' : The path $['a'] is null";
        QTest::newRow("index past the end") << "{'a': [1]}" << "$.a[5]" << "Invalid path '$.a[5]' : No results for path: $['a'][5]";
        QTest::newRow("negative past the start") << "{'a': [1]}" << "$.a[-2]" << "Invalid path '$.a[-2]' : No results for path: $['a'][-2]";
        QTest::newRow("script on empty") << "{'a': []}" << "$.a[(@.length-1)]" << "Invalid path '$.a[(@.length-1)]' : No results for path: $['a'][(@.length-1)]";
        QTest::newRow("context missing") << "{}" << "$$.Map.Item" << "Invalid path '$$.Map.Item' : Missing property in path $['Map']";
        QTest::newRow("sum of nothing") << "{'a': ['x']}" << "$.a.sum()" << "Invalid path '$.a.sum()' : Aggregation function attempted to calculate value using empty array";
        QTest::newRow("scan max of nothing") << "{'a': 1}" << "$..b.max()" << "Invalid path '$..b.max()' : Aggregation function attempted to calculate value using empty array";
        QTest::newRow("avg per match") << "{'a': [1, 2]}" << "$.a[*].avg()" << "Invalid path '$.a[*].avg()' : Aggregation function attempted to calculate value using empty array";

        QTest::newRow("missing variable") << "{}" << "$missing.x" << "Invalid path '$missing.x' : The variable $missing is not defined";
        QTest::newRow("missing variable in filter") << "{'a': [{'n': 1}]}" << "$.a[?(@.n > $nope)]" << "Invalid path '$.a[?(@.n > $nope)]' : The variable $nope is not defined";

        // Text the validator would have rejected still fails cleanly at run time.
        QTest::newRow("not a path") << "{}" << "a.b" << "Invalid path 'a.b' : must start with '$'";
        QTest::newRow("open bracket") << "{}" << "$.a[" << "Invalid path '$.a[' : unexpected end after '['";
        QTest::newRow("trailing dots") << "{}" << "$.a.." << "Invalid path '$.a..' : a path must not end with '..'";
        QTest::newRow("space in name") << "{}" << "$.a b" << "Invalid path '$.a b' : unexpected ' ' in the path";
        QTest::newRow("unclosed filter") << "{}" << "$.a[?(@.b == 1]" << "Invalid path '$.a[?(@.b == 1]' : unexpected ']' in a filter";
        QTest::newRow("regex") << "{}" << "$.a[?(@.b =~ /x/)]" << "Invalid path '$.a[?(@.b =~ /x/)]' : regular expressions (=~) are not supported";
        QTest::newRow("unknown function") << "{}" << "$.a.foo()" << "Invalid path '$.a.foo()' : unknown function foo()";
        QTest::newRow("function not last") << "{}" << "$.a.length().b" << "Invalid path '$.a.length().b' : length() must be the last step of the path";
        QTest::newRow("slice step") << "{}" << "$.a[1:5:2]" << "Invalid path '$.a[1:5:2]' : slice steps ('[a:b:c]') are not supported";
        QTest::newRow("lone literal") << "{}" << "$.a[?(1)]" << "Invalid path '$.a[?(1)]' : unexpected ')' after a value in a filter";
        QTest::newRow("nesting too deep") << "{}" << "$.a[?(" + QString(40, '!') + "@.b)]" << "Invalid path '$.a[?(" + QString(40, '!') + "@.b)]' : a filter nests more than 32 deep";
    }

    void errors() {
        QFETCH(QString, input);
        QFETCH(QString, path);
        QFETCH(QString, cause);
        const Json document = parse(input);
        const Json context = parse(kContext);
        const Scope scope{document, context, nullptr, nullptr};

        const Result<Json> result = evaluatePath(path.toStdString(), scope);
        QVERIFY2(!result.ok(), qPrintable(describe(result)));
        QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
        QCOMPARE(QString::fromStdString(result.error().cause), cause);
    }

    void resultPath_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("expected");

        // AWS developer guide, "Specifying state output using ResultPath".
        const QString test = "{'comment': 'This is a test', 'details': 'Default example', 'who': 'Step Functions'}";
        QTest::newRow("aws replace") << test << "$" << "'Hello, Step Functions!'" << "'Hello, Step Functions!'";
        QTest::newRow("aws include") << test << "$.taskresult" << "'Hello, Step Functions!'"
                                     << "{'comment': 'This is a test', 'details': 'Default example', 'who': 'Step Functions', 'taskresult': 'Hello, Step Functions!'}";
        QTest::newRow("aws child node") << "{'comment': 'An input comment.', 'strings': {'string1': 'foo', 'string2': 'bar', 'string3': 'baz'}, 'who': 'AWS Step Functions'}"
                                        << "$.strings.lambdaresult" << "'Hello, AWS Step Functions!'"
                                        << "{'comment': 'An input comment.', 'strings': {'string1': 'foo', 'string2': 'bar', 'string3': 'baz', 'lambdaresult': 'Hello, AWS Step Functions!'}, 'who': 'AWS Step Functions'}";
        QTest::newRow("aws error in catch") << "{'foo': 'bar'}" << "$.error" << "{'Error': 'States.TaskFailed', 'Cause': 'boom'}"
                                            << "{'foo': 'bar', 'error': {'Error': 'States.TaskFailed', 'Cause': 'boom'}}";
        // AWS developer guide, "InputPath, ResultPath and OutputPath Example".
        QTest::newRow("aws data lambdaresult") << "{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}}"
                                               << "$.data.lambdaresult" << "'Hello, AWS Step Functions!'"
                                               << "{'comment': 'An input comment.', 'data': {'val1': 23, 'val2': 17, 'lambdaresult': 'Hello, AWS Step Functions!'}, 'extra': 'foo', 'lambda': {'who': 'AWS Step Functions'}}";

        QTest::newRow("creates missing objects") << "{'a': 1}" << "$.b.c.d" << "5" << "{'a': 1, 'b': {'c': {'d': 5}}}";
        QTest::newRow("replaces a member in place") << "{'a': {'b': 1}, 'z': 0}" << "$.a" << "'x'" << "{'a': 'x', 'z': 0}";
        QTest::newRow("replaces a scalar leaf") << "{'a': 1}" << "$.a" << "{'n': 2}" << "{'a': {'n': 2}}";
        QTest::newRow("sets an element") << "{'list': [1, 2, 3]}" << "$.list[1]" << "'x'" << "{'list': [1, 'x', 3]}";
        QTest::newRow("sets the last element") << "{'list': [1, 2, 3]}" << "$.list[-1]" << "'x'" << "{'list': [1, 2, 'x']}";
        QTest::newRow("member of an element") << "{'list': [{'j': 1}]}" << "$.list[0].k" << "true" << "{'list': [{'j': 1, 'k': true}]}";
        QTest::newRow("bracket name") << "{}" << "$['a b']" << "null" << "{'a b': null}";
        QTest::newRow("into an empty input") << "{}" << "$.result" << "[1]" << "{'result': [1]}";
        QTest::newRow("root of a string") << "'text'" << "$" << "{'a': 1}" << "{'a': 1}";
    }

    void resultPath() {
        QFETCH(QString, input);
        QFETCH(QString, path);
        QFETCH(QString, value);
        QFETCH(QString, expected);
        const Json original = parse(input);

        const Result<Json> result = applyResultPath(original, path.toStdString(), parse(value));
        QVERIFY2(result.ok(), qPrintable(describe(result)));
        QVERIFY2(result.value() == parse(expected), qPrintable(describe(result)));
        QCOMPARE(original, parse(input)); // the input is copied, never changed
    }

    void resultPathFailures_data() {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("cause");

        QTest::newRow("input is a string") << "'text'" << "$.a" << "Unable to apply ResultPath '$.a' to the input: $ is a string, not an object";
        QTest::newRow("input is an array") << "[1]" << "$.a" << "Unable to apply ResultPath '$.a' to the input: $ is an array, not an object";
        QTest::newRow("through a number") << "{'a': 1}" << "$.a.b" << "Unable to apply ResultPath '$.a.b' to the input: $['a'] is a number, not an object";
        QTest::newRow("through null") << "{'a': null}" << "$.a.b" << "Unable to apply ResultPath '$.a.b' to the input: $['a'] is null, not an object";
        QTest::newRow("through an array") << "{'a': [1]}" << "$.a.b" << "Unable to apply ResultPath '$.a.b' to the input: $['a'] is an array, not an object";
        QTest::newRow("index into an object") << "{'a': {}}" << "$.a[0]" << "Unable to apply ResultPath '$.a[0]' to the input: $['a'] is an object, not an array";
        QTest::newRow("index past the end") << "{'a': [1]}" << "$.a[3]" << "Unable to apply ResultPath '$.a[3]' to the input: index 3 is out of range for $['a'] (size 1)";
        QTest::newRow("index missing array") << "{}" << "$.a[0]" << "Unable to apply ResultPath '$.a[0]' to the input: $['a'] is an object, not an array";
        QTest::newRow("wildcard") << "{}" << "$.a[*]" << "Unable to apply ResultPath '$.a[*]' to the input: '[*]' is not allowed in a reference path";
        QTest::newRow("deep scan") << "{}" << "$..a" << "Unable to apply ResultPath '$..a' to the input: '..['a']' is not allowed in a reference path";
        QTest::newRow("context") << "{}" << "$$.a" << "Unable to apply ResultPath '$$.a' to the input: a ResultPath starts at the state input, '$'";
        QTest::newRow("not a path") << "{}" << "a" << "Unable to apply ResultPath 'a' to the input: must start with '$'";
    }

    void resultPathFailures() {
        QFETCH(QString, input);
        QFETCH(QString, path);
        QFETCH(QString, cause);

        const Result<Json> result = applyResultPath(parse(input), path.toStdString(), Json(1));
        QVERIFY2(!result.ok(), qPrintable(describe(result)));
        QCOMPARE(QString::fromStdString(result.error().error), QString("States.ResultPathMatchFailure"));
        QCOMPARE(QString::fromStdString(result.error().cause), cause);
    }

    void deepDocument() {
        // 512 nested objects {"a": {"a": ... {"x": 1}}}: scans and long paths stay iterative.
        constexpr int kDepth = 512;
        Json document = {{"x", 1}};
        std::string path = "$";
        for (int i = 0; i < kDepth; ++i) {
            document = Json{{"a", std::move(document)}};
            path += ".a";
        }
        const Json context = Json::object();
        const Scope scope{document, context, nullptr, nullptr};

        const Result<Json> xs = evaluatePath("$..x", scope);
        QVERIFY(xs.ok());
        QCOMPARE(xs.value(), Json::parse("[1]"));
        const Result<Json> as = evaluatePath("$..a", scope);
        QVERIFY(as.ok());
        QCOMPARE(static_cast<int>(as.value().size()), kDepth);
        const Result<Json> all = evaluatePath("$..*.length()", scope);
        QVERIFY(all.ok());
        QCOMPARE(all.value(), Json(kDepth)); // Jayway: the children of every node below the root
        const Result<Json> filtered = evaluatePath("$..[?(@.x == 1)].x", scope);
        QVERIFY(filtered.ok());
        QCOMPARE(filtered.value(), Json::parse("[1]"));

        const Result<Json> leaf = evaluatePath(path + ".x", scope);
        QVERIFY(leaf.ok());
        QCOMPARE(leaf.value(), Json(1));
        const Result<Json> written = applyResultPath(document, path + ".y", Json("deep"));
        QVERIFY(written.ok());
        const Scope writtenScope{written.value(), context, nullptr, nullptr};
        const Result<Json> back = evaluatePath(path + ".y", writtenScope);
        QVERIFY(back.ok());
        QCOMPARE(back.value(), Json("deep"));
    }

    void hostilePaths() {
        // Long paths, long chains and deep nesting end in a value or an error, never a crash.
        const Json document = parse(kStore);
        const Json context = Json::object();
        const Scope scope{document, context, nullptr, nullptr};

        QString chain = "$.store.book[?(@.price";
        for (int i = 0; i < 5000; ++i) chain += " > 0 && @.price";
        chain += " > 0)].price";
        const Result<Json> longChain = evaluatePath(chain.toStdString(), scope);
        QVERIFY(longChain.ok());
        QCOMPARE(longChain.value(), Json::parse("[8.95, 12.99, 8.99, 22.99]"));

        std::string nested = "$";
        for (int i = 0; i < 200; ++i) nested += "[?(@";
        nested += std::string(200, ')') + std::string(200, ']');
        const Result<Json> deep = evaluatePath(nested, scope);
        QVERIFY(!deep.ok());
        QCOMPARE(QString::fromStdString(deep.error().error), QString("States.Runtime"));

        const Result<Json> parens = evaluatePath("$[?(" + std::string(5000, '(') + "@.a" + std::string(5000, ')') + ")]", scope);
        QVERIFY(!parens.ok());

        std::string longPath = "$";
        for (int i = 0; i < 20000; ++i) longPath += "['store']";
        const Result<Json> missing = evaluatePath(longPath, scope);
        QVERIFY(!missing.ok());

        for (const char* text : {"", "$[", "$]", "$.", "$..", "$.a(", "$[?(@.a ==)]", "$['a", "$[1:2:3:4]",
                                 "$[?(@.a in [1, 2)]", "$[?(@.a == {\"x\": )]", "$[99999999999999999999]",
                                 "$[?(@.a == 'x\\u12')]", "$.\xff\xfe", "$[(@.length-)]"}) {
            const Result<Json> bad = evaluatePath(text, scope);
            QVERIFY2(!bad.ok(), text);
            QCOMPARE(QString::fromStdString(bad.error().error), QString("States.Runtime"));
        }
    }

    void invalidUtf8InCause() {
        // The cause quotes the document; bytes that are not UTF-8 must not make dump() throw.
        Json document = Json::object();
        document["a"]["s"] = std::string("\xff\xfe");
        const Json context = Json::object();
        const Scope scope{document, context, nullptr, nullptr};
        const Result<Json> result = evaluatePath("$.a[0]", scope);
        QVERIFY(!result.ok());
        QCOMPARE(QString::fromStdString(result.error().error), QString("States.Runtime"));
        QVERIFY(result.error().cause.find("can only be applied to arrays") != std::string::npos);
    }
};

QTEST_APPLESS_MAIN(TestJsonPath)
#include "TestJsonPath.moc"
