// A sweep's result and its shards: which points a shard owns, parts written and merged back
// into the same document byte for byte (whatever the order of the parts), every way a set of
// parts can be wrong with its exact message, and what the document derives from the points
// (crossings for a workload sweep, the best size per strategy for a sizing sweep).
#include "simulator/cost/SweepResult.h"

#include <QtTest>

#include <algorithm>

using flowcast::model::Json;
using namespace flowcast::cost;

namespace {

SweepFigures figures(double usd, double latency, double failureRate = 0) {
    SweepFigures f;
    f.monthlyUsd = usd;
    f.monthlyUsdP5 = usd * 0.9;
    f.monthlyUsdP95 = usd * 1.1;
    f.perExecutionUsd = usd / 30.0;
    f.latencyMeanSeconds = latency;
    f.latencyP50Seconds = latency * 0.8;
    f.latencyP95Seconds = latency * 1.7;
    f.latencyP99Seconds = latency * 2.3;
    f.failureRate = failureRate;
    f.started = 30;
    f.ended = 30;
    return f;
}

// Two deployments over five rates: "serverless" grows with the rate, "cluster" stays flat at
// $100, so the cluster becomes cheaper between 100 and 1,000 a day. Awkward doubles (0.1 + 0.2,
// thirds) check that the numbers survive the trip through a part's text.
SweepResult workloadSweep() {
    SweepResult r;
    r.spec.axis = SweepAxis::RunsPerDay;
    r.spec.grid = {1, 10, 100, 1000, 10000};
    r.spec.scenario = "pipeline";
    r.spec.scenarioHash = fnv1a64Hex("scenario");
    r.spec.priceBookRegion = "us-east-1";
    r.spec.priceBookAsOf = "2026-11-21";
    r.spec.seed = 42;
    r.spec.flowcastVersion = "0.1.0";
    r.spec.deployments = {{"serverless", {}, {}}, {"cluster", {}, {}}};
    for (std::size_t k = 0; k < r.spec.grid.size(); ++k) {
        const double rate = r.spec.grid[k];
        r.rows.push_back({k, rate, {figures(rate * (0.1 + 0.2), 60 + 1.0 / 3), figures(100, 90)}});
    }
    return r;
}

// Lambda memory: cost falls then rises, latency falls; 128 MB fails too often to be chosen.
SweepResult sizingSweep() {
    SweepResult r = workloadSweep();
    r.spec.axis = SweepAxis::LambdaMemory;
    r.spec.grid = {128, 256, 512, 1024, 1536};
    r.spec.deployments = {{"serverless", "fn", 1024}};
    const std::vector<std::pair<double, double>> costLatency{
        {8, 35}, {9, 17}, {9.5, 8}, {11, 4}, {16, 3.9}};
    r.rows.clear();
    for (std::size_t k = 0; k < 5; ++k)
        r.rows.push_back({k,
                          r.spec.grid[k],
                          {figures(costLatency[k].first, costLatency[k].second, k ? 0 : 0.2)}});
    return r;
}

// The parts of `whole` for `count` shards, each through its JSON text.
std::vector<std::pair<std::string, Json>> partsOf(const SweepResult& whole, std::size_t count) {
    std::vector<std::pair<std::string, Json>> parts;
    for (std::size_t i = 0; i < count; ++i) {
        SweepResult part;
        part.spec = whole.spec;
        for (const SweepRow& row : whole.rows)
            if (Shard{i, count}.owns(row.index)) part.rows.push_back(row);
        parts.emplace_back("part-" + std::to_string(i) + ".json",
                           Json::parse(part.partJson({i, count}).dump(2)));
    }
    return parts;
}

QString mergeError(const std::vector<std::pair<std::string, Json>>& parts) {
    try {
        mergeSweepParts(parts);
    } catch (const SweepPartError& e) {
        return QString::fromStdString((e.file().empty() ? "" : e.file() + ": ") + e.what());
    }
    return "merged";
}

} // namespace

class TestSweepResult : public QObject {
    Q_OBJECT

private slots:
    void shards_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("count");
        QTest::newRow("whole") << "0/1" << 0 << 1;
        QTest::newRow("last") << "2/3" << 2 << 3;
        QTest::newRow("out of range") << "3/3" << -1 << 0;
        QTest::newRow("no shards") << "0/0" << -1 << 0;
        QTest::newRow("negative") << "-1/3" << -1 << 0;
        QTest::newRow("one number") << "1" << -1 << 0;
        QTest::newRow("trailing") << "1/3x" << -1 << 0;
        QTest::newRow("three numbers") << "1/2/3" << -1 << 0;
        QTest::newRow("space") << " 1/3" << -1 << 0;
    }
    void shards() {
        QFETCH(QString, text);
        QFETCH(int, index);
        QFETCH(int, count);
        const auto shard = parseShard(text.toStdString());
        QCOMPARE(shard.has_value(), index >= 0);
        if (!shard) return;
        QCOMPARE(int(shard->index), index);
        QCOMPARE(int(shard->count), count);
    }

    // Point k belongs to shard k mod N: with 3 shards, 0 and 3 to shard 0, 1 and 4 to shard 1.
    void ownership() {
        const Shard s{1, 3};
        QVERIFY(!s.owns(0) && s.owns(1) && !s.owns(2) && !s.owns(3) && s.owns(4));
        const Shard whole{0, 1};
        QVERIFY(whole.owns(0) && whole.owns(7));
    }

    void hash() {
        QCOMPARE(fnv1a64Hex(""), std::string("cbf29ce484222325")); // FNV-1a's offset basis
        QCOMPARE(fnv1a64Hex("a"), std::string("af63dc4c8601ec8c"));
    }

    void mergeIsTheWholeSweep_data() {
        QTest::addColumn<bool>("sizing");
        QTest::addColumn<int>("count");
        QTest::newRow("workload, 3 shards") << false << 3;
        QTest::newRow("workload, 1 shard") << false << 1;
        QTest::newRow("sizing, 2 shards") << true << 2;
        QTest::newRow("sizing, more shards than points") << true << 7;
    }
    void mergeIsTheWholeSweep() {
        QFETCH(bool, sizing);
        QFETCH(int, count);
        const SweepResult whole = sizing ? sizingSweep() : workloadSweep();
        auto parts = partsOf(whole, std::size_t(count));
        std::reverse(parts.begin(), parts.end()); // the order of the parts does not matter
        const SweepResult merged = mergeSweepParts(parts);
        QCOMPARE(merged.toJson().dump(2), whole.toJson().dump(2));
        QCOMPARE(merged.toText(), whole.toText());
        QCOMPARE(merged.toCsv(), whole.toCsv());
    }

    void mistakes() {
        const SweepResult whole = workloadSweep();
        auto parts = partsOf(whole, 3);
        QCOMPARE(mergeError({parts[0], parts[1]}),
                 QString("shard 2/3 is missing (merge needs every part of the sweep)"));
        QCOMPARE(mergeError({parts[0], parts[1], parts[2], parts[1]}),
                 QString("part-1.json: is shard 1/3 again (already given by part-1.json)"));
        auto other = parts;
        other[2].second["sweep"]["seed"] = 7;
        QCOMPARE(mergeError(other),
                 QString("part-2.json: belongs to another sweep than part-0.json: its \"seed\" "
                         "differs"));
        other = parts;
        other[1].second["shard"]["count"] = 4;
        QCOMPARE(mergeError(other),
                 QString("part-1.json: is a shard of 4 but part-0.json is a shard of 3"));
        other = parts;
        other[1].second["shard"]["index"] = 5;
        QCOMPARE(mergeError(other),
                 QString("part-1.json: is shard 5/3, out of range (0 <= I < N)"));
        other = parts;
        other[1].second["points"].push_back(parts[0].second["points"][0]);
        QCOMPARE(mergeError(other),
                 QString("part-1.json: holds a point that is not shard 1/3's: 1.0"));
        other = parts;
        other[2].second["points"] = Json::array();
        QCOMPARE(mergeError(other), QString("part-2.json: lacks its point 2 (a part cut short?)"));
        other = parts;
        other[0].second = whole.toJson();
        QCOMPARE(mergeError(other), QString("part-0.json: is not a sweep part (flowcast-cli "
                                            "sweep --shard I/N -o FILE writes one)"));
        other = parts;
        other[0].second["sweep"]["axis"] = "speed";
        QCOMPARE(mergeError(other),
                 QString("part-0.json: its \"sweep\" has an unknown axis \"speed\""));
        QCOMPARE(mergeError({}), QString("no parts to merge"));
    }

    // Serverless at 0.3 × rate a month: 30 at 100 a day, 300 at 1,000; the cluster's $100 is
    // crossed at 10^(2 + 70 / 270) ≈ 181.6 a day (linear in log(rate)).
    void crossings() {
        const Json j = workloadSweep().toJson();
        QCOMPARE(j["crossings"].size(), std::size_t(1));
        const Json& c = j["crossings"][0];
        QCOMPARE(c["cheaperBelow"].get<std::string>(), std::string("serverless"));
        QCOMPARE(c["cheaperAbove"].get<std::string>(), std::string("cluster"));
        QVERIFY(qAbs(c["value"].get<double>() - std::pow(10, 2 + 70.0 / 270)) < 1e-9);
        QCOMPARE(
            c["text"].get<std::string>(),
            std::string("cluster becomes cheaper than serverless above ≈ 182 executions a day"));
        QVERIFY(!j.contains("best"));
    }

    // 128 MB is the cheapest but fails 20 % of its executions: the cost choice is 256 MB.
    void best() {
        const SweepResult r = sizingSweep();
        const Json j = r.toJson();
        QVERIFY(!j.contains("crossings"));
        const Json& b = j["best"][0];
        QCOMPARE(b["deployment"].get<std::string>(), std::string("serverless"));
        QCOMPARE(b["service"].get<std::string>(), std::string("fn"));
        QCOMPARE(b["cost"]["value"].get<double>(), 256.0);
        QCOMPARE(b["speed"]["value"].get<double>(), 1536.0);
        QCOMPARE(b["balanced"]["value"].get<double>(), 1024.0);
        const std::string text = r.toText();
        QVERIFY2(text.find("best: cost 256 MB ($9.00 a month, mean 17 s); speed 1,536 MB") !=
                     std::string::npos,
                 text.c_str());
        QVERIFY(text.find("balanced (weight 0.5) 1,024 MB") != std::string::npos);
        QVERIFY(text.find("1,024*") != std::string::npos); // the configured size is marked
    }

    void specRoundTrip() {
        SweepSpec s = sizingSweep().spec;
        s.priceBookHash = "0123456789abcdef";
        s.replications = 3;
        s.horizon = "5d";
        s.rate = 40;
        s.excluded = {{"always-on EMR", "has no lambda service"}};
        QCOMPARE(SweepSpec::fromJson(s.toJson()).toJson(), s.toJson());
    }

    // The placement is named in the document, with the model's crossings when adaptive; parts
    // written before it was recorded read as even, and a placement out of the list is refused.
    void placementRoundTrip() {
        SweepResult r = workloadSweep();
        QCOMPARE(r.spec.toJson().at("placement"), Json("even"));
        QVERIFY(!r.spec.toJson().contains("predictedCrossings"));
        r.spec.placement = SweepPlacement::Adaptive;
        r.spec.predictedCrossings = {333.25};
        const Json json = r.spec.toJson();
        QCOMPARE(json.at("placement"), Json("adaptive"));
        QCOMPARE(json.at("predictedCrossings"), Json::array({333.25}));
        QCOMPARE(SweepSpec::fromJson(json).toJson(), json);
        QVERIFY(r.toText().find("predicted at ≈ 333 executions a day") != std::string::npos);
        QCOMPARE(mergeSweepParts(partsOf(r, 2)).toJson().dump(), r.toJson().dump());

        Json old = workloadSweep().spec.toJson();
        old.erase("placement");
        QCOMPARE(SweepSpec::fromJson(old).placement, SweepPlacement::Even);
        old["placement"] = "dense";
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, SweepSpec::fromJson(old));
    }
};

QTEST_APPLESS_MAIN(TestSweepResult)
#include "TestSweepResult.moc"
