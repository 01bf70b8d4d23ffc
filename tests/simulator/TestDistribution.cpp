// parseDistribution: every scenario form, its moments and quantiles, its description, and every
// error with its JSON Pointer. Statistical checks use fixed seeds and a tolerance of 5 standard
// errors: 5 sd / sqrt(n) for a mean, 5 sqrt(p (1 - p) / n) for the fraction of draws below a
// quantile (binomial). A correct sampler fails one such check in about 1.7 million seeds.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/Distribution.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"
#include <QTemporaryDir>

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace flowcast::sim;
using flowcast::model::Json;
using flowcast::model::ScenarioError;

namespace {

constexpr int kSamples = 200'000;

void writeFile(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

} // namespace

class TestDistribution : public QObject {
    Q_OBJECT

private slots:
    void moments_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("mean");
        QTest::addColumn<double>("stddev");
        // Expected values worked out by hand from the textbook formulas:
        // uniform (a+b)/2, (b-a)/sqrt(12); normal truncated at 0 with alpha = -mu/sigma,
        // lambda = phi(alpha)/(1-Phi(alpha)): mean mu + sigma lambda, variance
        // sigma^2 (1 + alpha lambda - lambda^2); lognormal exp(mu + s^2/2),
        // variance (e^{s^2} - 1) e^{2 mu + s^2}; mixture by total expectation and variance.
        QTest::newRow("bare number") << "3.5" << 3.5 << 0.0;
        QTest::newRow("constant") << "{'constant': 2}" << 2.0 << 0.0;
        QTest::newRow("uniform") << "{'uniform': {'min': 1, 'max': 2}}" << 1.5 << 0.2886751;
        QTest::newRow("exponential") << "{'exponential': {'mean': 1.991}}" << 1.991 << 1.991;
        QTest::newRow("normal far from 0")
            << "{'normal': {'mean': 10, 'stddev': 2}}" << 10.0000030 << 2.0;
        QTest::newRow("normal truncated")
            << "{'normal': {'mean': 0.5, 'stddev': 1}}" << 1.0091604 << 0.6972628;
        // sigma = ln(6/2) / 2.3263478740408408 = 0.4722476
        QTest::newRow("lognormal median p99")
            << "{'lognormal': {'median': 2, 'p99': 6}}" << 2.2359274 << 1.1176123;
        QTest::newRow("lognormal mu sigma")
            << "{'lognormal': {'mu': 0, 'sigma': 0.5}}" << 1.1331485 << 0.6039005;
        QTest::newRow("mixture") << "{'mixture': [{'weight': 9, 'of': 1}, {'weight': 1, "
                                    "'of': {'constant': 11}}]}"
                                 << 2.0 << 3.0;
    }

    void moments() {
        QFETCH(QString, spec);
        QFETCH(double, mean);
        QFETCH(double, stddev);
        const auto d = parseDistribution(quotedJson(spec), "/d");
        QVERIFY2(std::abs(d->mean() - mean) < 1e-6 * std::max(1.0, mean),
                 qPrintable(QString::number(d->mean(), 'g', 10)));
        RandomStream random(2026);
        double sum = 0, sumSquares = 0;
        for (int i = 0; i < kSamples; ++i) {
            const double x = d->sample(random);
            QVERIFY(std::isfinite(x));
            sum += x;
            sumSquares += x * x;
        }
        const double sampleMean = sum / kSamples;
        const double sampleSd =
            std::sqrt(std::max(0.0, sumSquares / kSamples - sampleMean * sampleMean));
        QVERIFY2(std::abs(sampleMean - mean) <= 5 * stddev / std::sqrt(double(kSamples)) + 1e-12,
                 qPrintable(QString("sample mean %1").arg(sampleMean, 0, 'g', 8)));
        // The sample sd is within a few per cent of the truth at n = 200,000 for all of these
        // (its relative standard error is below 0.5 % even for the lognormal's heavy tail).
        QVERIFY2(std::abs(sampleSd - stddev) <= 0.03 * stddev + 1e-12,
                 qPrintable(QString("sample sd %1").arg(sampleSd, 0, 'g', 8)));
    }

    void quantiles_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("x");
        QTest::addColumn<double>("p"); // P(X <= x)
        QTest::newRow("lognormal median") << "{'lognormal': {'median': 2, 'p99': 6}}" << 2.0 << 0.5;
        QTest::newRow("lognormal p99") << "{'lognormal': {'median': 2, 'p99': 6}}" << 6.0 << 0.99;
        QTest::newRow("lognormal mu sigma p99") << "{'lognormal': {'mu': 1, 'sigma': 0.25}}"
                                                << std::exp(1 + 0.25 * 2.3263478740408408) << 0.99;
        QTest::newRow("exponential median")
            << "{'exponential': {'mean': 2}}" << 2 * std::log(2.0) << 0.5;
        QTest::newRow("uniform quarter") << "{'uniform': {'min': 4, 'max': 8}}" << 5.0 << 0.25;
        QTest::newRow("normal mean") << "{'normal': {'mean': 10, 'stddev': 2}}" << 10.0 << 0.5;
        // Truncated at 0: P(X <= 0.5 | X >= 0) = (Phi(0) - Phi(-0.5)) / (1 - Phi(-0.5))
        //                                      = 0.1914625 / 0.6914625.
        QTest::newRow("normal truncated")
            << "{'normal': {'mean': 0.5, 'stddev': 1}}" << 0.5 << 0.2768949;
        QTest::newRow("mixture weights") << "{'mixture': [{'weight': 3, 'of': 1}, {'weight': 1, "
                                            "'of': 2}]}"
                                         << 1.0 << 0.75;
        QTest::newRow("nested mixture")
            << "{'mixture': [{'weight': 0.5, 'of': {'mixture': [{'weight': 1, 'of': 1}, "
               "{'weight': 1, 'of': 3}]}}, {'weight': 0.5, 'of': 5}]}"
            << 1.0 << 0.25;
    }

    void quantiles() {
        QFETCH(QString, spec);
        QFETCH(double, x);
        QFETCH(double, p);
        const auto d = parseDistribution(quotedJson(spec), "/d");
        RandomStream random(7);
        int below = 0;
        for (int i = 0; i < kSamples; ++i)
            below += d->sample(random) <= x;
        const double fraction = double(below) / kSamples;
        QVERIFY2(std::abs(fraction - p) <= 5 * std::sqrt(p * (1 - p) / kSamples),
                 qPrintable(QString("fraction %1").arg(fraction, 0, 'g', 8)));
    }

    void lognormalParametersRecovered() {
        // median 2, p99 6 gives mu = ln 2 and sigma = ln 3 / z99; the mu/sigma form of the same
        // numbers is the same distribution.
        const auto a = parseDistribution(quotedJson("{'lognormal': {'median': 2, 'p99': 6}}"), "");
        const Json b{
            {"lognormal", {{"mu", std::log(2.0)}, {"sigma", std::log(3.0) / 2.3263478740408408}}}};
        const auto c = parseDistribution(b, "");
        RandomStream ra(1), rc(1);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(a->sample(ra), c->sample(rc));
        QCOMPARE(c->describe(), std::string("lognormal(median 2 s, p99 6 s)"));
    }

    void sameSeedSameSamples() {
        const auto d = parseDistribution(quotedJson("{'normal': {'mean': 1, 'stddev': 1}}"), "");
        RandomStream a(99), b(99);
        for (int i = 0; i < 1000; ++i)
            QCOMPARE(d->sample(a), d->sample(b));
    }

    void describe_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("text");
        QTest::newRow("constant") << "3.5"
                                  << "constant(3.5 s)";
        QTest::newRow("uniform") << "{'uniform': {'min': 1, 'max': 2}}"
                                 << "uniform(1 s to 2 s)";
        QTest::newRow("exponential") << "{'exponential': {'mean': 1.991}}"
                                     << "exponential(mean 1.991 s)";
        QTest::newRow("normal") << "{'normal': {'mean': 10, 'stddev': 2}}"
                                << "normal(mean 10 s, stddev 2 s, truncated at 0)";
        QTest::newRow("lognormal") << "{'lognormal': {'median': 2, 'p99': 6}}"
                                   << "lognormal(median 2 s, p99 6 s)";
        QTest::newRow("lognormal mu sigma") << "{'lognormal': {'mu': 0, 'sigma': 0}}"
                                            << "lognormal(median 1 s, p99 1 s)";
        QTest::newRow("mixture") << "{'mixture': [{'weight': 9, 'of': 1}, {'weight': 1, 'of': 30}]}"
                                 << "mixture(90% constant(1 s), 10% constant(30 s))";
    }

    void describe() {
        QFETCH(QString, spec);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(parseDistribution(quotedJson(spec), "")->describe()), text);
    }

    void empiricalFromCsv() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // A header line, a second column to pick, CRLF line ends, a blank line, a quoted value.
        writeFile(dir.filePath("durations.csv"),
                  "id,seconds\r\na,1\r\nb,2\r\n\r\nc,\"3\"\r\nd, 4 \r\n");
        const auto d =
            parseDistribution(quotedJson("{'empirical': {'file': 'durations.csv', 'column': 1}}"),
                              "/d", dir.path().toStdString());
        QCOMPARE(d->mean(), 2.5);
        QCOMPARE(QString::fromStdString(d->describe()),
                 QString("empirical(durations.csv, 4 values, mean 2.5 s)"));
        // Each value comes back with probability 1/4: 5 binomial standard errors.
        RandomStream random(3);
        int counts[5] = {};
        for (int i = 0; i < kSamples; ++i) {
            const double x = d->sample(random);
            QVERIFY(x == 1 || x == 2 || x == 3 || x == 4);
            ++counts[int(x)];
        }
        for (int v = 1; v <= 4; ++v)
            QVERIFY(std::abs(counts[v] / double(kSamples) - 0.25) <=
                    5 * std::sqrt(0.1875 / kSamples));
        // Without a header and with an absolute path (baseDir is ignored).
        writeFile(dir.filePath("plain.csv"), "0.5\n1.5\n");
        const auto plain = parseDistribution(
            Json{{"empirical", {{"file", dir.filePath("plain.csv").toStdString()}}}}, "",
            "/nowhere");
        QCOMPARE(plain->mean(), 1.0);
    }

    void errors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("string") << "'fast'"
                                << "/d"
                                << "distribution: expected a number or an object with one key "
                                   "naming its kind, got a string";
        QTest::newRow("two keys") << "{'uniform': {}, 'min': 1}"
                                  << "/d"
                                  << "distribution: expected a number or an object with one key "
                                     "naming its kind, got an object with 2 keys";
        QTest::newRow("unknown kind")
            << "{'gamma': {'shape': 2}}"
            << "/d/gamma"
            << "distribution: unknown kind 'gamma' (expected constant, uniform, exponential, "
               "normal, lognormal, empirical or mixture)";
        QTest::newRow("constant text") << "{'constant': '3'}"
                                       << "/d/constant"
                                       << "constant: expected a number, got a string";
        QTest::newRow("uniform backwards") << "{'uniform': {'min': 2, 'max': 1}}"
                                           << "/d/uniform/max"
                                           << "uniform: max (1) must not be less than min (2)";
        QTest::newRow("uniform missing") << "{'uniform': {'min': 1}}"
                                         << "/d/uniform"
                                         << "uniform: missing field 'max'";
        QTest::newRow("uniform typo") << "{'uniform': {'min': 1, 'max': 2, 'mean': 3}}"
                                      << "/d/uniform/mean"
                                      << "uniform: unknown field 'mean' (expected min, max)";
        QTest::newRow("exponential zero") << "{'exponential': {'mean': 0}}"
                                          << "/d/exponential/mean"
                                          << "exponential: mean (0) must be greater than 0";
        QTest::newRow("exponential text") << "{'exponential': {'mean': '1'}}"
                                          << "/d/exponential/mean"
                                          << "exponential: mean must be a number, got a string";
        QTest::newRow("exponential boolean") << "{'exponential': {'mean': true}}"
                                             << "/d/exponential/mean"
                                             << "exponential: mean must be a number, got a boolean";
        QTest::newRow("normal negative mean")
            << "{'normal': {'mean': -1, 'stddev': 1}}"
            << "/d/normal/mean"
            << "normal: mean (-1) must not be negative (the distribution is truncated at 0)";
        QTest::newRow("normal typo") << "{'normal': {'mean': 1, 'stdev': 1}}"
                                     << "/d/normal/stdev"
                                     << "normal: unknown field 'stdev' (expected mean, stddev)";
        QTest::newRow("normal negative sd") << "{'normal': {'mean': 1, 'stddev': -0.5}}"
                                            << "/d/normal/stddev"
                                            << "normal: stddev (-0.5) must not be negative";
        QTest::newRow("lognormal p99 below median")
            << "{'lognormal': {'median': 2, 'p99': 1.5}}"
            << "/d/lognormal/p99"
            << "lognormal: p99 (1.5) must be greater than median (2)";
        QTest::newRow("lognormal median zero") << "{'lognormal': {'median': 0, 'p99': 1}}"
                                               << "/d/lognormal/median"
                                               << "lognormal: median (0) must be greater than 0";
        QTest::newRow("lognormal mixed forms")
            << "{'lognormal': {'median': 2, 'sigma': 1}}"
            << "/d/lognormal"
            << "lognormal: give either median and p99, or mu and sigma, not both";
        QTest::newRow("lognormal empty") << "{'lognormal': {}}"
                                         << "/d/lognormal"
                                         << "lognormal: give median and p99, or mu and sigma";
        QTest::newRow("lognormal no p99") << "{'lognormal': {'median': 2}}"
                                          << "/d/lognormal"
                                          << "lognormal: missing field 'p99'";
        QTest::newRow("lognormal negative sigma") << "{'lognormal': {'mu': 0, 'sigma': -1}}"
                                                  << "/d/lognormal/sigma"
                                                  << "lognormal: sigma (-1) must not be negative";
        QTest::newRow("lognormal not object") << "{'lognormal': 3}"
                                              << "/d/lognormal"
                                              << "lognormal: expected an object, got a number";
        QTest::newRow("mixture empty")
            << "{'mixture': []}"
            << "/d/mixture"
            << "mixture: expected a non-empty array of {\"weight\", \"of\"}";
        QTest::newRow("mixture no of") << "{'mixture': [{'weight': 1}]}"
                                       << "/d/mixture/0"
                                       << "mixture: missing field 'of'";
        QTest::newRow("mixture negative weight")
            << "{'mixture': [{'weight': 1, 'of': 1}, {'weight': -1, 'of': 1}]}"
            << "/d/mixture/1/weight"
            << "mixture: weight (-1) must not be negative";
        QTest::newRow("mixture zero weights") << "{'mixture': [{'weight': 0, 'of': 1}]}"
                                              << "/d/mixture"
                                              << "mixture: the weights add up to 0";
        QTest::newRow("mixture nested error")
            << "{'mixture': [{'weight': 1, 'of': {'uniform': {'min': 3, 'max': 1}}}]}"
            << "/d/mixture/0/of/uniform/max"
            << "uniform: max (1) must not be less than min (3)";
        QTest::newRow("empirical column") << "{'empirical': {'file': 'x.csv', 'column': -1}}"
                                          << "/d/empirical/column"
                                          << "empirical: column (-1) must be at least 0";
        QTest::newRow("empirical no file") << "{'empirical': {}}"
                                           << "/d/empirical"
                                           << "empirical: missing field 'file'";
    }

    void errors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error = scenarioErrorOf([&] { parseDistribution(quotedJson(spec), "/d"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }

    void empiricalErrors_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("message");
        QTest::newRow("bad row") << "seconds\n1\nfast\n"
                                 << 0 << "empirical: s.csv:3: 'fast' is not a number";
        QTest::newRow("header only") << "seconds\n" << 0 << "empirical: s.csv has no values";
        QTest::newRow("empty") << "" << 0 << "empirical: s.csv has no values";
        QTest::newRow("short row") << "1,2\n3\n"
                                   << 1 << "empirical: s.csv:2: no column 1 (the row has 1)";
        QTest::newRow("unterminated quote") << "1\n2\n\"3\n4\n"
                                            << 0 << "empirical: s.csv:3: unterminated quoted field";
        QTest::newRow("junk after quote")
            << "1\n\"2\"x\n"
            << 0 << "empirical: s.csv:2: unexpected text after a closing quote";
        QTest::newRow("infinity") << "1\ninf\n" << 0 << "empirical: s.csv:2: 'inf' is not a number";
    }

    void empiricalErrors() {
        QFETCH(QString, content);
        QFETCH(int, column);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeFile(dir.filePath("s.csv"), content.toStdString());
        const auto error = scenarioErrorOf([&] {
            parseDistribution(Json{{"empirical", {{"file", "s.csv"}, {"column", column}}}}, "/d",
                              dir.path().toStdString());
        });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, QString("/d/empirical/file"));
        QCOMPARE(error->message, message);
    }

    void empiricalMissingFile() {
        QTemporaryDir dir;
        try {
            parseDistribution(quotedJson("{'empirical': {'file': 'missing.csv'}}"), "/d",
                              dir.path().toStdString());
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.pointer()), QString("/d/empirical/file"));
            QCOMPARE(QString::fromUtf8(e.what()),
                     "empirical: cannot read file '" + dir.filePath("missing.csv") + "'");
        }
    }
};

QTEST_APPLESS_MAIN(TestDistribution)
#include "TestDistribution.moc"
