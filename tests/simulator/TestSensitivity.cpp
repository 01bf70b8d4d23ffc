// The tornado: scenario transforms that move one kind of input, and bars built from a cost
// function, sorted by swing, naming the cheapest deployment when a move changes it.
#include "model/pricing/PriceBook.h"
#include "simulator/cost/Sensitivity.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

#include <cmath>

using flowcast::model::Json;
using flowcast::model::PriceBook;
using namespace flowcast::cost;

class TestSensitivity : public QObject {
    Q_OBJECT

private slots:
    void durationsScale() {
        Json doc = quotedJson(
            "{'states':{'A':{'duration':{'lognormal':{'median':2,'p99':6}}},"
            "'B':{'duration':3},'C':{'duration':{'uniform':{'min':1,'max':2}}},"
            "'D':{'duration':{'mixture':[{'weight':1,'of':{'exponential':{'mean':4}}}]}},"
            "'E':{'duration':{'lognormal':{'mu':0,'sigma':1}}},"
            "'F':{'duration':{'empirical':{'file':'x.csv'}}}}}");
        scaleStateDurations(doc, 1.5);
        QCOMPARE(doc["states"]["A"]["duration"].dump(),
                 quotedJson("{'lognormal':{'median':3.0,'p99':9.0}}").dump());
        QCOMPARE(doc["states"]["B"]["duration"].get<double>(), 4.5);
        QCOMPARE(doc["states"]["C"]["duration"]["uniform"]["max"].get<double>(), 3.0);
        QCOMPARE(
            doc["states"]["D"]["duration"]["mixture"][0]["of"]["exponential"]["mean"].get<double>(),
            6.0);
        QCOMPARE(doc["states"]["E"]["duration"]["lognormal"]["mu"].get<double>(), std::log(1.5));
        QCOMPARE(doc["states"]["F"]["duration"].dump(),
                 quotedJson("{'empirical':{'file':'x.csv'}}").dump()); // left as it is
    }

    void failuresColdStartsAndNodes() {
        Json doc =
            quotedJson("{'states':{'A':{'failures':[{'error':'X','probability':0.6}]}},"
                       "'services':{'fn':{'kind':'lambda','coldStart':0.5},"
                       "'c':{'kind':'cluster','nodes':4,'autoscaling':{'min':2,'max':10}}}}");
        scaleFailureProbabilities(doc, 2);
        QCOMPARE(doc["states"]["A"]["failures"][0]["probability"].get<double>(), 1.0); // capped
        scaleColdStarts(doc, 2);
        QCOMPARE(doc["services"]["fn"]["coldStart"].get<double>(), 1.0);
        scaleClusterNodes(doc, 0.8);
        QCOMPARE(doc["services"]["c"]["nodes"].get<int>(), 3);              // 3.2 rounds to 3
        QCOMPARE(doc["services"]["c"]["autoscaling"]["min"].get<int>(), 2); // 1.6 → 2
        QCOMPARE(doc["services"]["c"]["autoscaling"]["max"].get<int>(), 8);
        Json fixed = quotedJson("{'services':{'c':{'kind':'cluster','nodes':4,'slotsPerNode':8,"
                                "'slotsPerJob':32}}}");
        scaleClusterNodes(fixed, 0.8); // 3 nodes: 24 slots, so the job takes all 24
        QCOMPARE(fixed["services"]["c"]["slotsPerJob"].get<int>(), 24);
    }

    // Two deployments: A costs 10 × the SNS price per million ($0.50) + 2 × the state-duration
    // factor = $7, B a flat $25. At ±50 % the SNS price moves A by ±$2.50 and the durations by
    // ±$1; A stays the cheapest throughout.
    void barsSortedBySwing() {
        const PriceBook book = PriceBook::builtIn();
        double durationFactor = 1;
        const DeploymentCosts costs = [&](const std::function<void(Json&)>& transform,
                                          const PriceBook& b) {
            Json probe = quotedJson("{'states':{'S':{'duration':1}}}");
            if (transform) transform(probe);
            durationFactor = probe["states"]["S"]["duration"].get<double>();
            const double a = 10 * b.at("sns.publishes").basePrice() + 2 * durationFactor;
            return std::vector<double>{a, 25.0};
        };
        const Tornado t = tornado({"A", "B"}, book, {"sns.publishes"}, 50, costs);
        QCOMPARE(t.deployment, std::string("A"));
        QCOMPARE(t.baseUsd, 7.0);
        QCOMPARE(t.bars.size(), std::size_t(2));
        QCOMPARE(t.bars[0].input, std::string("price sns.publishes"));
        QCOMPARE(t.bars[0].lowUsd, 4.5);
        QCOMPARE(t.bars[0].highUsd, 9.5);
        QCOMPARE(t.bars[1].input, std::string("state durations"));
        QCOMPARE(t.bars[1].swing(), 2.0);
        QCOMPARE(t.bars[1].highCheapest, std::string("A"));
        QVERIFY(QString::fromStdString(t.toText()).contains("swing $5.00"));
    }

    void cheapestChangesAreNamed() {
        const PriceBook book = PriceBook::builtIn();
        const DeploymentCosts costs = [](const std::function<void(Json&)>& transform,
                                         const PriceBook&) {
            Json probe = quotedJson("{'services':{'c':{'kind':'cluster','nodes':10}}}");
            if (transform) transform(probe);
            const double nodes = probe["services"]["c"]["nodes"].get<double>();
            return std::vector<double>{100.0, 9.5 * nodes}; // the cluster: 95 against 100
        };
        const Tornado t = tornado({"serverless", "cluster"}, book, {}, 20, costs);
        QCOMPARE(t.deployment, std::string("cluster"));
        QCOMPARE(t.bars.size(), std::size_t(1));
        QCOMPARE(t.bars[0].highCheapest, std::string("serverless")); // 12 nodes: 114 > 100
        QCOMPARE(t.bars[0].lowCheapest, std::string("cluster"));
        QVERIFY(
            QString::fromStdString(t.toText()).contains("cheapest becomes serverless at +20 %"));
    }
};

QTEST_APPLESS_MAIN(TestSensitivity)
#include "TestSensitivity.moc"
