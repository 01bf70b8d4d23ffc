// parseWorkload and the generators behind it: schedules, Poisson, daily profiles, bursts and
// trace replay (streams: TestStreamWorkload). Counts of a Poisson process are checked within
// 5 standard deviations (sqrt of the expected count), fractions within 5 binomial standard
// errors; seeds are fixed, so a run is reproducible and a correct generator fails about once in
// 1.7 million seeds per check.
#include "model/scenario/ScenarioError.h"
#include "simulator/exec/VirtualClock.h"
#include "simulator/workload/CivilCalendar.h"
#include "simulator/workload/Workload.h"
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

std::vector<Arrival> drain(Workload& workload, std::uint64_t seed, std::size_t limit = 10'000'000) {
    RandomStream random(seed);
    std::vector<Arrival> arrivals;
    while (arrivals.size() < limit) {
        auto a = workload.next(random);
        if (!a) break;
        arrivals.push_back(std::move(*a));
    }
    return arrivals;
}

bool nondecreasing(const std::vector<Arrival>& arrivals) {
    for (std::size_t i = 1; i < arrivals.size(); ++i)
        if (arrivals[i].time < arrivals[i - 1].time) return false;
    return true;
}

QString iso(SimTime t) {
    return QString::fromStdString(isoTimestamp(t));
}

void writeFile(const QString& path, const std::string& text) {
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << text;
}

} // namespace

class TestWorkload : public QObject {
    Q_OBJECT

private slots:
    void poissonCounts_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<double>("start"); // seconds
        QTest::addColumn<double>("end");   // seconds
        QTest::addColumn<double>("rate");  // per second
        QTest::newRow("0.9/s for a day")
            << "{'poisson': {'ratePerSecond': 0.9}, 'end': '1d'}" << 0.0 << 86400.0 << 0.9;
        QTest::newRow("60/h for 30 days")
            << "{'poisson': {'ratePerHour': 60}, 'end': '30d'}" << 0.0 << 30 * 86400.0 << 1 / 60.0;
        QTest::newRow("100/day for a year") << "{'poisson': {'ratePerDay': 100}, 'end': 31536000}"
                                            << 0.0 << 31536000.0 << 100 / 86400.0;
        QTest::newRow("2/s from 1h to 2h")
            << "{'poisson': {'ratePerSecond': 2}, 'start': '1h', 'end': '2h'}" << 3600.0 << 7200.0
            << 2.0;
    }

    void poissonCounts() {
        QFETCH(QString, spec);
        QFETCH(double, start);
        QFETCH(double, end);
        QFETCH(double, rate);
        Json json = quotedJson(spec);
        json["input"] = quotedJson("{'n': {'$index': true}}");
        const auto arrivals = drain(*parseWorkload(json, "/workload"), 42);
        const double n = double(arrivals.size());
        const double expected = rate * (end - start);
        QVERIFY2(std::abs(n - expected) <= 5 * std::sqrt(expected), qPrintable(QString::number(n)));
        QVERIFY(nondecreasing(arrivals));
        QVERIFY(arrivals.front().time >= SimTime::fromSeconds(start));
        QVERIFY(arrivals.back().time < SimTime::fromSeconds(end));
        // Exponential gaps: P(gap > mean) = 1/e. Inputs numbered 0, 1, 2, ...
        int longGaps = 0;
        for (std::size_t i = 0; i < arrivals.size(); ++i) {
            QCOMPARE((*arrivals[i].input)["n"].get<std::int64_t>(), std::int64_t(i));
            if (i > 0) longGaps += (arrivals[i].time - arrivals[i - 1].time).seconds() > 1 / rate;
        }
        const double p = std::exp(-1.0);
        QVERIFY(std::abs(longGaps / (n - 1) - p) <= 5 * std::sqrt(p * (1 - p) / (n - 1)));
        // The same seed gives the same arrivals.
        const auto again = drain(*parseWorkload(json, "/workload"), 42, 100);
        for (std::size_t i = 0; i < again.size(); ++i)
            QCOMPARE(again[i].time, arrivals[i].time);
    }

    void profileFollowsTheProfile() {
        // Eight weeks of a daily profile with weekday factors (Sunday 0): every (weekday, hour)
        // bucket holds 8 hours whose expected count is 8 x dailyPerHour[h] x factor[weekday].
        const std::vector<double> daily = {10,  10,  10,  10,  10, 10, 20, 40, 80, 120, 120, 120,
                                           120, 120, 120, 120, 80, 40, 20, 10, 10, 10,  10,  10};
        const std::vector<double> factors = {1, 1, 1, 1, 1, 0.5, 0};
        const Json spec{{"profile", {{"dailyPerHour", daily}, {"weekdayFactors", factors}}},
                        {"end", "56d"}};
        const auto workload = parseWorkload(spec, "/workload");
        QCOMPARE(QString::fromStdString(workload->describe()), QString("profile(peak 120/h)"));
        const auto arrivals = drain(*workload, 9);
        QVERIFY(nondecreasing(arrivals));
        double counts[7][24] = {};
        const std::int64_t epochDay = kVirtualEpochSeconds / 86400;
        for (const Arrival& a : arrivals) {
            const std::int64_t second = a.time.us / 1'000'000;
            counts[calendar::mondayIndex(epochDay + second / 86400)][second % 86400 / 3600] += 1;
        }
        for (int w = 0; w < 7; ++w) {
            for (int h = 0; h < 24; ++h) {
                const double expected = 8 * daily[h] * factors[w];
                QVERIFY2(std::abs(counts[w][h] - expected) <= 5 * std::sqrt(expected),
                         qPrintable(QString("weekday %1 hour %2: %3 for %4")
                                        .arg(w)
                                        .arg(h)
                                        .arg(counts[w][h])
                                        .arg(expected)));
            }
        }
    }

    void bursts() {
        // 500 arrivals spread uniformly over [2h, 2h + 10 s) of each day, for three days.
        const auto workload = parseWorkload(
            quotedJson("{'burst': {'count': 500, 'at': '2h', 'spreadSeconds': 10, 'every': '1d'}, "
                       "'end': '3d'}"),
            "/workload");
        const auto arrivals = drain(*workload, 5);
        QCOMPARE(arrivals.size(), std::size_t(1500));
        QVERIFY(nondecreasing(arrivals));
        double offsets = 0;
        for (std::size_t i = 0; i < arrivals.size(); ++i) {
            const double burstStart = 7200 + 86400.0 * double(i / 500);
            const double offset = arrivals[i].time.seconds() - burstStart;
            QVERIFY2(offset >= 0 && offset < 10, qPrintable(QString::number(offset)));
            offsets += offset;
        }
        // Uniform on [0, 10): mean 5, sd 10 / sqrt(12).
        QVERIFY(std::abs(offsets / 1500 - 5) <= 5 * 10 / std::sqrt(12.0 * 1500));

        // One burst only, all at once.
        const auto once =
            drain(*parseWorkload(quotedJson("{'burst': {'count': 3, 'at': 60}}"), ""), 1);
        QCOMPARE(once.size(), std::size_t(3));
        for (const Arrival& a : once)
            QCOMPARE(a.time, SimTime::fromSeconds(60));

        // Starting on day 1 skips day 0's burst; ending at 3d keeps days 1 and 2.
        const auto later =
            drain(*parseWorkload(quotedJson("{'burst': {'count': 10, 'at': '2h', "
                                            "'every': '1d'}, 'start': '1d', 'end': '3d'}"),
                                 ""),
                  1);
        QCOMPARE(later.size(), std::size_t(20));
        QCOMPARE(iso(later.front().time), QString("2026-01-02T02:00:00.000Z"));
        QCOMPARE(iso(later.back().time), QString("2026-01-03T02:00:00.000Z"));
    }

    void schedules() {
        // rate(5 minutes) for an hour: t = 0, 5 min, ..., 55 min (the end is excluded).
        const auto rate = drain(
            *parseWorkload(quotedJson("{'schedule': 'rate(5 minutes)', 'end': '1h'}"), ""), 1);
        QCOMPARE(rate.size(), std::size_t(12));
        for (std::size_t i = 0; i < rate.size(); ++i)
            QCOMPARE(rate[i].time, SimTime::fromSeconds(300.0 * double(i)));
        QCOMPARE(rate[0].input.get(), rate[11].input.get()); // the static input is shared
        QCOMPARE(*rate[0].input, Json::object());
        QCOMPARE(rate[0].records, std::int64_t(1));

        // Nightly at 02:00 for three days, each input stamped with its time and index.
        const auto nightly = drain(
            *parseWorkload(
                quotedJson(
                    "{'schedule': 'cron(0 2 * * ? *)', 'end': '3d', 'input': {'at': {'$time': "
                    "true}, 'n': {'$index': true}, 'job': 'compact'}}"),
                ""),
            1);
        QCOMPARE(nightly.size(), std::size_t(3));
        for (std::size_t i = 0; i < 3; ++i) {
            const QString day = QString("2026-01-0%1T02:00:00.000Z").arg(i + 1);
            QCOMPARE(iso(nightly[i].time), day);
            QCOMPARE(QString::fromStdString((*nightly[i].input)["at"].get<std::string>()), day);
            QCOMPARE((*nightly[i].input)["n"], Json(i));
            QCOMPARE((*nightly[i].input)["job"], Json("compact"));
        }
    }

    void describe_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("text");
        QTest::newRow("rate") << "{'schedule': 'rate(5 minutes)'}"
                              << "rate(5 minutes)";
        QTest::newRow("cron") << "{'schedule': 'cron(0 2 * * ? *)'}"
                              << "cron(0 2 * * ? *)";
        QTest::newRow("poisson") << "{'poisson': {'ratePerHour': 3240}}"
                                 << "poisson(0.9/s)";
        QTest::newRow("burst")
            << "{'burst': {'count': 500, 'at': '2h', 'spreadSeconds': 10, 'every': '1d'}}"
            << "burst(500 at 2h00m00.000s every 1d00h00m00.000s over 10 s)";
        QTest::newRow("stream") << "{'stream': {'recordsPerSecond': 1000, 'batchSize': 100, "
                                   "'batchWindowSeconds': 1}}"
                                << "stream(records 1000/s, batches of 100 within 1 s)";
    }

    void describe() {
        QFETCH(QString, spec);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(parseWorkload(quotedJson(spec), "")->describe()), text);
    }

    void traceReplay() {
        QTemporaryDir dir;
        // Out of order, seconds and ISO times, JSON in quoted fields, an empty input, an extra
        // column; rows without input take the template ({"i": index}).
        writeFile(dir.filePath("arrivals.csv"), "time,input,note\n"
                                                "3600,,late\n"
                                                "0,\"{\"\"a\"\": 1}\",first\n"
                                                "2026-01-01T00:02:00Z,,iso\n"
                                                "30.5,\"{\"\"b\"\": [1,\n2]}\",multi-line\n");
        const Json spec =
            quotedJson("{'trace': {'file': 'arrivals.csv'}, 'input': {'i': {'$index': true}}}");
        const auto workload = parseWorkload(spec, "/workload", dir.path().toStdString());
        QCOMPARE(QString::fromStdString(workload->describe()),
                 QString("trace(arrivals.csv, 4 rows)"));
        const auto arrivals = drain(*workload, 1);
        QCOMPARE(arrivals.size(), std::size_t(4));
        QCOMPARE(arrivals[0].time, SimTime{});
        QCOMPARE(*arrivals[0].input, quotedJson("{'a': 1}"));
        QCOMPARE(arrivals[1].time, SimTime::fromSeconds(30.5));
        QCOMPARE(*arrivals[1].input, quotedJson("{'b': [1, 2]}"));
        QCOMPARE(arrivals[2].time, SimTime::fromSeconds(120));
        QCOMPARE(*arrivals[2].input, quotedJson("{'i': 2}"));
        QCOMPARE(arrivals[3].time, SimTime::fromSeconds(3600));
        QCOMPARE(*arrivals[3].input, quotedJson("{'i': 3}"));

        Json window = spec;
        window["start"] = 10;
        window["end"] = "1h";
        const auto inside = drain(*parseWorkload(window, "", dir.path().toStdString()), 1);
        QCOMPARE(inside.size(), std::size_t(2));
        QCOMPARE(inside[0].time, SimTime::fromSeconds(30.5));
        QCOMPARE(*inside[1].input, quotedJson("{'i': 1}")); // numbered from the first replayed
    }

    void traceErrors_data() {
        QTest::addColumn<QString>("content");
        QTest::addColumn<QString>("message");
        QTest::newRow("no time column")
            << "when,input\n1,{}\n"
            << "trace: a.csv:1: the header has no 'time' column (found: when, input)";
        QTest::newRow("empty file")
            << ""
            << "trace: a.csv is empty (expected a header line with a 'time' column)";
        QTest::newRow("bad time")
            << "time\n1\nsoon\n"
            << "trace: a.csv:3: time 'soon' is neither seconds nor an ISO-8601 timestamp";
        QTest::newRow("before the epoch")
            << "time\n2025-12-31T23:59:59Z\n"
            << "trace: a.csv:2: time '2025-12-31T23:59:59Z' is before "
               "the simulation starts (2026-01-01T00:00:00Z)";
        QTest::newRow("negative seconds") << "time\n-1\n"
                                          << "trace: a.csv:2: time '-1' is before the simulation "
                                             "starts (2026-01-01T00:00:00Z)";
        QTest::newRow("bad JSON") << "time,input\n1,{}\n2,\"{'a': 1}\"\n"
                                  << "trace: a.csv:3: input is not valid JSON: parse error at line "
                                     "1, column 2: syntax error while parsing object key - invalid "
                                     "literal; last read: '{''; expected string literal";
        QTest::newRow("unterminated quote") << "time,input\n1,\"{\n"
                                            << "trace: a.csv:2: unterminated quoted field";
        QTest::newRow("missing time cell") << "input,time\n{}\n"
                                           << "trace: a.csv:2: the row has no time";
    }

    void traceErrors() {
        QFETCH(QString, content);
        QFETCH(QString, message);
        QTemporaryDir dir;
        writeFile(dir.filePath("a.csv"), content.toStdString());
        const auto error = scenarioErrorOf([&] {
            parseWorkload(quotedJson("{'trace': {'file': 'a.csv'}}"), "/workload",
                          dir.path().toStdString());
        });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, QString("/workload/trace/file"));
        QCOMPARE(error->message, message);
    }

    // Every execution of a batch workload carries recordsPerExecution records (default 1).
    void recordsPerExecution() {
        const auto with =
            drain(*parseWorkload(quotedJson("{'schedule': 'rate(1 hour)', "
                                            "'recordsPerExecution': 500, 'end': '5h'}"),
                                 "/workload"),
                  1);
        QCOMPARE(with.size(), std::size_t(5));
        for (const Arrival& a : with)
            QCOMPARE(a.records, std::int64_t(500));
        const auto without = drain(
            *parseWorkload(quotedJson("{'schedule': 'rate(1 hour)', 'end': '2h'}"), "/workload"),
            1);
        QCOMPARE(without.at(0).records, std::int64_t(1));
    }

    void errors_data() {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QString>("message");
        QTest::newRow("not an object") << "'rate(1 minute)'"
                                       << "/workload"
                                       << "workload: expected an object, got a string";
        QTest::newRow("no kind")
            << "{'input': {}}"
            << "/workload"
            << "workload: expected one of schedule, poisson, profile, burst, stream or trace";
        QTest::newRow("two kinds")
            << "{'schedule': 'rate(1 minute)', 'poisson': {'ratePerSecond': 1}}"
            << "/workload/poisson"
            << "workload: give one kind of workload, not both 'schedule' and 'poisson'";
        QTest::newRow("unknown field") << "{'poisson': {'ratePerSecond': 1}, 'horizon': 5}"
                                       << "/workload/horizon"
                                       << "workload: unknown field 'horizon' (expected poisson, "
                                          "input, start, end, recordsPerExecution)";
        QTest::newRow("records on a stream")
            << "{'stream': {'recordsPerSecond': 10, 'batchSize': 5}, 'recordsPerExecution': 3}"
            << "/workload/recordsPerExecution"
            << "workload: a stream's executions carry its batches: set stream.batchSize instead";
        QTest::newRow("records zero") << "{'schedule': 'rate(1 hour)', 'recordsPerExecution': 0}"
                                      << "/workload/recordsPerExecution"
                                      << "workload: recordsPerExecution (0) must be at least 1";
        QTest::newRow("rate zero") << "{'poisson': {'ratePerSecond': 0}}"
                                   << "/workload/poisson/ratePerSecond"
                                   << "poisson: ratePerSecond (0) must be greater than 0";
        QTest::newRow("two rates")
            << "{'poisson': {'ratePerSecond': 1, 'ratePerHour': 1}}"
            << "/workload/poisson"
            << "poisson: give exactly one of ratePerSecond, ratePerHour, ratePerDay";
        QTest::newRow("rate typo")
            << "{'poisson': {'ratePerMinute': 1}}"
            << "/workload/poisson/ratePerMinute"
            << "poisson: unknown field 'ratePerMinute' (expected ratePerSecond, "
               "ratePerHour, ratePerDay)";
        QTest::newRow("schedule number")
            << "{'schedule': 5}"
            << "/workload/schedule"
            << "schedule: expected a string like \"rate(5 minutes)\", got a number";
        QTest::newRow("schedule singular")
            << "{'schedule': 'rate(5 minute)'}"
            << "/workload/schedule"
            << "rate: a value above 1 takes the plural unit: rate(5 minutes)";
        QTest::newRow("profile short")
            << "{'profile': {'dailyPerHour': [1, 2]}}"
            << "/workload/profile/dailyPerHour"
            << "profile: dailyPerHour must be an array of 24 numbers, got 2 values";
        QTest::newRow("profile negative")
            << "{'profile': {'dailyPerHour': [1,1,1,-1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}}"
            << "/workload/profile/dailyPerHour/3"
            << "profile: dailyPerHour[3] must be a number >= 0, got -1";
        QTest::newRow("profile zero")
            << "{'profile': {'dailyPerHour': [0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]}}"
            << "/workload/profile"
            << "profile: every rate is 0: no arrival would ever come";
        QTest::newRow("profile factors")
            << "{'profile': {'dailyPerHour': [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1], "
               "'weekdayFactors': [1,1,1,1,1,1]}}"
            << "/workload/profile/weekdayFactors"
            << "profile: weekdayFactors must be an array of 7 numbers, got 6 values";
        QTest::newRow("profile not array")
            << "{'profile': {'dailyPerHour': 5}}"
            << "/workload/profile/dailyPerHour"
            << "profile: dailyPerHour must be an array of 24 numbers, got a number";
        QTest::newRow("burst overlap")
            << "{'burst': {'count': 5, 'spreadSeconds': 60, 'every': '30s'}}"
            << "/workload/burst/every"
            << "burst: every (30.000s) must be greater than 0 and at least spreadSeconds (60)";
        QTest::newRow("burst count") << "{'burst': {'count': 0}}"
                                     << "/workload/burst/count"
                                     << "burst: count (0) must be at least 1";
        QTest::newRow("burst at") << "{'burst': {'count': 1, 'at': 'noon'}}"
                                  << "/workload/burst/at"
                                  << "duration: expected seconds or a number with a unit (250ms, "
                                     "30s, 5m, 2h, 30d), got 'noon'";
        QTest::newRow("stream batch size") << "{'stream': {'recordsPerSecond': 1}}"
                                           << "/workload/stream"
                                           << "stream: missing field 'batchSize'";
        QTest::newRow("stream two rates")
            << "{'stream': {'recordsPerSecond': 1, 'profile': {}, 'batchSize': 1}}"
            << "/workload/stream"
            << "stream: give exactly one of recordsPerSecond and profile";
        QTest::newRow("stream window")
            << "{'stream': {'recordsPerSecond': 1, 'batchSize': 1, 'batchWindowSeconds': -1}}"
            << "/workload/stream/batchWindowSeconds"
            << "stream: batchWindowSeconds (-1) must not be negative";
        QTest::newRow("stream input")
            << "{'stream': {'recordsPerSecond': 1, 'batchSize': 1}, 'input': {}}"
            << "/workload/input"
            << "workload: a stream's execution input is {\"Records\": [...]}: "
               "give the record template as stream.record";
        QTest::newRow("stream record")
            << "{'stream': {'recordsPerSecond': 1, 'batchSize': 1, 'record': {'$index': 1}}}"
            << "/workload/stream/record/$index"
            << "template: $index must be true, got 1";
        QTest::newRow("bad start") << "{'poisson': {'ratePerSecond': 1}, 'start': '2 hours'}"
                                   << "/workload/start"
                                   << "duration: expected seconds or a number with a unit (250ms, "
                                      "30s, 5m, 2h, 30d), got '2 hours'";
        QTest::newRow("end before start")
            << "{'poisson': {'ratePerSecond': 1}, 'start': '2h', 'end': '1h'}"
            << "/workload/end"
            << "workload: end (1h00m00.000s) must be after start (2h00m00.000s)";
        QTest::newRow("bad input")
            << "{'poisson': {'ratePerSecond': 1}, 'input': {'x': {'$sample': 'a'}}}"
            << "/workload/input/x/$sample"
            << "distribution: expected a number or an object with one key naming its kind, got a "
               "string";
        QTest::newRow("trace missing") << "{'trace': {'file': ''}}"
                                       << "/workload/trace/file"
                                       << "trace: cannot read file 'base/'";
    }

    void errors() {
        QFETCH(QString, spec);
        QFETCH(QString, pointer);
        QFETCH(QString, message);
        const auto error =
            scenarioErrorOf([&] { parseWorkload(quotedJson(spec), "/workload", "base"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, pointer);
        QCOMPARE(error->message, message);
    }
};

QTEST_APPLESS_MAIN(TestWorkload)
#include "TestWorkload.moc"
