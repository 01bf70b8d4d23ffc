// WorkModel: a plain distribution, or start-up + records / (rate x workers) with the record
// count read from the task's effective input by JSONPath; runtime problems come back as text.
#include "model/scenario/ScenarioError.h"
#include "simulator/services/WorkModel.h"
#include "tests/common/QuotedJson.h"
#include "tests/common/ScenarioErrorOf.h"

#include <QtTest>

#include <cmath>

using namespace flowcast::sim;
using flowcast::model::Json;
using flowcast::model::ScenarioError;

namespace {

const char* const kSpec = "{'startup': 30, 'records': '$.recordCount', "
                          "'recordsPerSecondPerWorker': 5000, 'workers': 10}";

} // namespace

class TestWorkModel : public QObject {
    Q_OBJECT

private slots:
    void plainDistribution() {
        const WorkModel work =
            WorkModel::parse(quotedJson("{'uniform': {'min': 1, 'max': 2}}"), "/w");
        QVERIFY(!work.dependsOnInput());
        QCOMPARE(work.workers(), std::int64_t(1));
        QCOMPARE(QString::fromStdString(work.describe()), QString("uniform(1 s to 2 s)"));
        RandomStream random(1);
        std::string error;
        for (int i = 0; i < 100; ++i) {
            const double s = work.seconds(random, Json::object(), &error);
            QVERIFY(s >= 1 && s < 2);
        }
        QVERIFY(error.empty());
        QCOMPARE(WorkModel::parse(Json(4.5), "").seconds(random, Json(), nullptr), 4.5);
    }

    void records_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("input");
        QTest::addColumn<double>("seconds");
        QTest::addColumn<QString>("error");
        // 30 s start-up + records / (5000/s x 10 workers) = 30 + records / 50000.
        QTest::newRow("a million records") << kSpec << "{'recordCount': 1000000}" << 50.0 << "";
        QTest::newRow("none") << kSpec << "{'recordCount': 0}" << 30.0 << "";
        QTest::newRow("fractional") << kSpec << "{'recordCount': 2.5e5}" << 35.0 << "";
        QTest::newRow("missing")
            << kSpec << "{'count': 5}" << 0.0
            << "work: records at '$.recordCount' found no value in the task input, and no "
               "defaultRecords is set";
        QTest::newRow("text") << kSpec << "{'recordCount': '12'}" << 0.0
                              << "work: records at '$.recordCount' is a string, not a number, and "
                                 "no defaultRecords is set";
        QTest::newRow("negative") << kSpec << "{'recordCount': -5}" << 0.0
                                  << "work: records at '$.recordCount' is negative (-5), and no "
                                     "defaultRecords is set";
        QTest::newRow("input not an object")
            << kSpec << "[1, 2]" << 0.0
            << "work: records at '$.recordCount' found no value in the task input, and no "
               "defaultRecords is set";
        const char* withDefault = "{'startup': 30, 'records': '$.recordCount', "
                                  "'recordsPerSecondPerWorker': 5000, 'workers': 10, "
                                  "'defaultRecords': 250000}";
        QTest::newRow("default used") << withDefault << "{}" << 35.0 << "";
        QTest::newRow("default for text") << withDefault << "{'recordCount': null}" << 35.0 << "";
        QTest::newRow("default not used") << withDefault << "{'recordCount': 0}" << 30.0 << "";
        QTest::newRow("nested path, one worker, no start-up")
            << "{'records': '$.batch.files[1].rows', 'recordsPerSecondPerWorker': 100}"
            << "{'batch': {'files': [{'rows': 1}, {'rows': 250}]}}" << 2.5 << "";
        QTest::newRow("path function")
            << "{'records': '$.sizes.sum()', 'recordsPerSecondPerWorker': 10}"
            << "{'sizes': [10, 20, 30]}" << 6.0 << "";
    }

    void records() {
        QFETCH(QString, spec);
        QFETCH(QString, input);
        QFETCH(double, seconds);
        QFETCH(QString, error);
        const WorkModel work = WorkModel::parse(quotedJson(spec), "/w");
        QVERIFY(work.dependsOnInput());
        RandomStream random(1);
        std::string problem;
        QCOMPARE(work.seconds(random, quotedJson(input), &problem), seconds);
        QCOMPARE(QString::fromStdString(problem), error);
        // Without an error sink the failure is still not a crash.
        QCOMPARE(work.seconds(random, quotedJson(input), nullptr), seconds);
    }

    void randomStartup() {
        // Lognormal start-up, median 20 s, p99 60 s: mean 20 e^{s^2/2} = 22.359274 s, sd
        // 11.176123 s; plus 1e6 / (1000 x 4) = 250 s. Mean of 100,000 draws within 5 standard
        // errors (5 x 11.18 / sqrt(1e5) = 0.18 s).
        const WorkModel work = WorkModel::parse(
            quotedJson("{'startup': {'lognormal': {'median': 20, 'p99': 60}}, 'records': '$.n', "
                       "'recordsPerSecondPerWorker': 1000, 'workers': 4}"),
            "/w");
        QCOMPARE(work.workers(), std::int64_t(4));
        QCOMPARE(QString::fromStdString(work.describe()),
                 QString("lognormal(median 20 s, p99 60 s) + $.n / (1000/s x 4)"));
        RandomStream random(5);
        const Json input{{"n", 1'000'000}};
        double sum = 0;
        const int n = 100'000;
        for (int i = 0; i < n; ++i)
            sum += work.seconds(random, input, nullptr);
        QVERIFY2(std::abs(sum / n - 272.359274) < 5 * 11.176123 / std::sqrt(double(n)),
                 qPrintable(QString::number(sum / n)));
    }

    void errors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("records not text") << "{'records': 5, 'recordsPerSecondPerWorker': 1}"
                                          << "/w/records"
                                          << "work: records must be a string, got a number";
        QTest::newRow("no records") << "{'recordsPerSecondPerWorker': 1}"
                                    << "/w"
                                    << "work: missing field 'records'";
        QTest::newRow("no rate") << "{'records': '$.n'}"
                                 << "/w"
                                 << "work: missing field 'recordsPerSecondPerWorker'";
        QTest::newRow("zero rate") << "{'records': '$.n', 'recordsPerSecondPerWorker': 0}"
                                   << "/w/recordsPerSecondPerWorker"
                                   << "work: recordsPerSecondPerWorker (0) must be greater than 0";
        QTest::newRow("no workers")
            << "{'records': '$.n', 'recordsPerSecondPerWorker': 1, 'workers': 0}"
            << "/w/workers"
            << "work: workers (0) must be at least 1";
        QTest::newRow("half a worker")
            << "{'records': '$.n', 'recordsPerSecondPerWorker': 1, 'workers': 2.5}"
            << "/w/workers"
            << "work: workers (2.5) must be a whole number";
        QTest::newRow("negative default")
            << "{'records': '$.n', 'recordsPerSecondPerWorker': 1, 'defaultRecords': -1}"
            << "/w/defaultRecords"
            << "work: defaultRecords (-1) must not be negative";
        QTest::newRow("unknown field")
            << "{'records': '$.n', 'recordsPerSecondPerWorker': 1, 'speed': 2}"
            << "/w/speed"
            << "work: unknown field 'speed' (expected startup, records, recordsPerSecondPerWorker, "
               "workers, defaultRecords)";
        QTest::newRow("bad startup")
            << "{'startup': {'lognormal': {'median': 2, 'p99': 1}}, 'records': '$.n', "
               "'recordsPerSecondPerWorker': 1}"
            << "/w/startup/lognormal/p99"
            << "lognormal: p99 (1) must be greater than median (2)";
        QTest::newRow("bad plain distribution") << "{'exponential': {'mean': -1}}"
                                                << "/w/exponential/mean"
                                                << "exponential: mean (-1) must be greater than 0";
    }

    void errors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error = scenarioErrorOf([&] { WorkModel::parse(quotedJson(spec), "/w"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }

    void badPath() {
        try {
            WorkModel::parse(
                quotedJson("{'records': 'recordCount', 'recordsPerSecondPerWorker': 1}"), "/w");
            QFAIL("no error");
        } catch (const ScenarioError& e) {
            QCOMPARE(QString::fromStdString(e.pointer()), QString("/w/records"));
            QVERIFY2(
                QString::fromUtf8(e.what()).startsWith("work: records is not a valid JSONPath: "),
                e.what());
        }
    }
};

QTEST_APPLESS_MAIN(TestWorkModel)
#include "TestWorkModel.moc"
