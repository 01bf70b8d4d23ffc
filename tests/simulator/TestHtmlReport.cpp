// The comparison's HTML report: one self-contained page (no external file), every user text
// escaped, the header's facts, one SVG per chart, stacked bars proportional to the amounts, the
// sweep on a log scale with failing points hollow and the crossing marked where it is.
#include "simulator/cost/BreakEven.h"
#include "simulator/cost/HtmlReport.h"

#include <QRegularExpression>
#include <QtTest>

#include <cmath>
#include <map>

using namespace flowcast::cost;

namespace {

const char* const kOddName = "<b>&\"x\"";
const char* const kOddNameEscaped = "&lt;b&gt;&amp;&quot;x&quot;";

CostLine line(const std::string& service, const std::string& priceId, double usd,
              const std::string& formula) {
    CostLine l;
    l.priceId = priceId;
    l.service = service;
    l.consumer = "state Convert";
    l.quote.amountUsd = usd;
    l.quote.formula = formula;
    return l;
}

DeploymentResult deployment(const std::string& name, std::vector<CostLine> lines) {
    DeploymentResult r;
    r.name = name;
    r.cost.lines = std::move(lines);
    for (const CostLine& l : r.cost.lines)
        r.cost.monthlyUsd += l.quote.amountUsd;
    r.p5MonthlyUsd = r.cost.monthlyUsd - 2;
    r.p95MonthlyUsd = r.cost.monthlyUsd + 2;
    r.ended = r.succeeded = 100;
    return r;
}

// Two deployments: the odd name costs $40 (S3 $30, Lambda $10, DynamoDB nothing), "cluster"
// $80 (EC2 $60, EMR $20). The sweep at 1, 10 and 100 a day: the odd name 2, 40, 400; the
// cluster flat at 80, failing 5 % at 1 a day. The difference goes from -40 at 10 to +320 at
// 100: the cluster becomes cheaper a ninth of the way, at 10^(1 + 1/9) ≈ 12.92 a day.
Comparison sample(bool withSweep = true) {
    Comparison c;
    c.scenario = "Bob's <ETL>";
    c.seed = 42;
    c.priceBookRegion = "us-east-1";
    c.priceBookAsOf = "2025-06-01";
    DeploymentResult odd = deployment(
        kOddName, {line("Amazon S3", "s3.standard", 30, "1,304 GB × $0.023 = $30.00"),
                   line("AWS Lambda", "lambda.requests", 10, "50 M <requests> × $0.20 = $10.00"),
                   line("Amazon DynamoDB", "dynamodb.writes", 0, "0 writes = $0.00")});
    odd.usage.unpriced = {"state Notify: <sns> is not priced"};
    c.deployments = {odd, deployment("cluster", {line("Amazon EC2", "ec2.m5", 60, "ec2"),
                                                 line("Amazon EMR", "emr.m5", 20, "emr")})};
    c.recommendation = std::string("Choose ") + kOddName + ": $40.00 a month.";
    if (!withSweep) return c;
    c.sweep = {{1, {2, 80}, {0, 0.05}}, {10, {40, 80}, {0, 0}}, {100, {400, 80}, {0, 0}}};
    c.crossings = crossings(c.sweep);
    return c;
}

QString report(const Comparison& c) {
    return QString::fromStdString(htmlReport(c, {"9.8.7", "2031-02-03"}));
}

QString nthSvg(const QString& html, int n) {
    qsizetype at = -1;
    for (int i = 0; i <= n; ++i)
        at = html.indexOf("<svg", at + 1);
    return at < 0 ? QString() : html.mid(at, html.indexOf("</svg>", at) - at);
}

double attribute(const QString& element, const QString& name) {
    const auto m = QRegularExpression(" " + name + "=\"([-0-9.]+)\"").match(element);
    return m.hasMatch() ? m.captured(1).toDouble() : std::nan("");
}

// The circles of the sweep chart's points, by their tooltip: "cluster at 10 a day: ...".
std::map<QString, QString> pointsByTitle(const QString& svg) {
    std::map<QString, QString> out;
    const QRegularExpression re("<circle class=\"point[^>]*><title>([^<]*)</title>");
    for (auto it = re.globalMatch(svg); it.hasNext();) {
        const auto m = it.next();
        out[m.captured(1).section(':', 0, 0)] = m.captured(0);
    }
    return out;
}

} // namespace

class TestHtmlReport : public QObject {
    Q_OBJECT

private slots:
    void escapes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << "always-on EMR"
                               << "always-on EMR";
        QTest::newRow("all five") << "<a href=\"x\">&'"
                                  << "&lt;a href=&quot;x&quot;&gt;&amp;&#39;";
        QTest::newRow("utf-8 kept") << "≈ 12 €"
                                    << "≈ 12 €";
    }
    void escapes() {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(QString::fromStdString(escapeHtml(text.toStdString())), expected);
    }

    // Nothing is fetched: no stylesheet, script or image from elsewhere.
    void selfContained() {
        const QString html = report(sample());
        QVERIFY(html.startsWith("<!DOCTYPE html>"));
        const QRegularExpression link("\\b(?:src|href)\\s*=\\s*[\"']?([^\"' >]*)",
                                      QRegularExpression::CaseInsensitiveOption);
        for (auto it = link.globalMatch(html); it.hasNext();) {
            const QString target = it.next().captured(1);
            QVERIFY2(!target.contains("//") && !target.startsWith("http"), qPrintable(target));
        }
        QVERIFY(!html.contains("<script src", Qt::CaseInsensitive));
        QVERIFY(!html.contains("<link", Qt::CaseInsensitive));
        QVERIFY(!html.contains("@import", Qt::CaseInsensitive));
        QVERIFY(!html.contains("url(", Qt::CaseInsensitive));
    }

    void namesAreEscaped() {
        const QString html = report(sample());
        QVERIFY(!html.contains(kOddName));
        QVERIFY(!html.contains("<ETL>"));
        QVERIFY(!html.contains("<sns>"));
        QVERIFY(!html.contains("<requests>"));
        QVERIFY(html.contains(QString("<th>") + kOddNameEscaped + "</th>"));
        QVERIFY(html.contains("Bob&#39;s &lt;ETL&gt;"));
        QVERIFY(html.contains("state Notify: &lt;sns&gt; is not priced"));
        QVERIFY(html.contains("50 M &lt;requests&gt; × $0.20 = $10.00"));
        QVERIFY(html.contains(QString("<p class=\"recommendation\">Choose ") + kOddNameEscaped +
                              ": $40.00 a month.</p>"));
    }

    void headerFacts() {
        const QString html = report(sample());
        QVERIFY(html.contains("Flowcast 9.8.7"));
        QVERIFY(html.contains("generated 2031-02-03"));
        QVERIFY(html.contains("seed 42"));
        QVERIFY(html.contains("price book us-east-1 as of 2025-06-01"));
    }

    void sideBySideWithBand() {
        const QString html = report(sample(false));
        QVERIFY(html.contains("<td class=\"best\">$40.00</td><td>$80.00</td>"));
        QVERIFY(html.contains("<td class=\"band\">$38.00 – $42.00</td>"));
        QCOMPARE(html.count("<details class=\"cost-lines\">"), 2);
        QVERIFY(html.contains("<td class=\"formula\">1,304 GB × $0.023 = $30.00</td>"));
    }

    void oneSvgPerChart() {
        QCOMPARE(report(sample()).count("<svg"), 2);
        QCOMPARE(report(sample(false)).count("<svg"), 1);
        QVERIFY(!report(sample(false)).contains("Break-even"));
    }

    // S3 $30 and Lambda $10 on one bar, EC2 $60 and EMR $20 on the other; DynamoDB's $0 has no
    // segment. Every segment's height is the same number of pixels per dollar.
    void stackedBarsAreProportional() {
        const QString svg = nthSvg(report(sample()), 0);
        QVERIFY(svg.contains("class=\"service-chart\""));
        const QRegularExpression seg("<rect class=\"seg\"[^>]*><title>[^<]*: \\$([0-9.]+)</title>");
        std::map<double, double> heightByUsd;
        for (auto it = seg.globalMatch(svg); it.hasNext();) {
            const auto m = it.next();
            heightByUsd[m.captured(1).toDouble()] = attribute(m.captured(0), "height");
        }
        QCOMPARE(heightByUsd.size(), std::size_t(4));
        const double perUsd = heightByUsd.at(10) / 10;
        QVERIFY(perUsd > 1);
        for (const auto& [usd, height] : heightByUsd)
            QVERIFY2(std::abs(height - usd * perUsd) < 0.02, qPrintable(QString::number(usd)));
        QVERIFY(svg.contains(">$80.00</text>"));
        QVERIFY(!svg.contains("Amazon DynamoDB"));
    }

    // The crossing at 12.92 a day: ringed a ninth of the way (in log rate) from the points at 10
    // to those at 100, on the cluster's flat line, and listed below the chart.
    void crossingIsMarked() {
        const QString html = report(sample());
        const QString svg = nthSvg(html, 1);
        QVERIFY(svg.contains("class=\"sweep-chart\""));
        QCOMPARE(svg.count("<g class=\"crossing\">"), 1);
        QVERIFY(svg.contains(">1: ≈ 12.92 a day</text>"));
        const auto points = pointsByTitle(svg);
        const double x10 = attribute(points.at("cluster at 10 a day"), "cx");
        const double x100 = attribute(points.at("cluster at 100 a day"), "cx");
        const double y80 = attribute(points.at("cluster at 10 a day"), "cy");
        const QString ring = svg.mid(svg.indexOf("<circle", svg.indexOf("<g class=\"crossing\">")));
        QVERIFY(std::abs((attribute(ring, "cx") - x10) / (x100 - x10) - 1.0 / 9) < 0.002);
        QVERIFY(std::abs(attribute(ring, "cy") - y80) < 0.1);
        QVERIFY(html.contains(QString("<li>cluster becomes cheaper than ") + kOddNameEscaped +
                              " above ≈ 12.92 executions a day.</li>"));
    }

    // The placement is named; placed adaptively, the model's crossings stand beside the
    // simulated ones (its 11 a day beside 12.92), and one the sweep did not find is listed apart.
    void placementAndPredictedCrossings() {
        Comparison c = sample();
        QVERIFY(report(c).contains("evenly on a log scale (placement: even)"));
        QVERIFY(!report(c).contains("predicted"));
        c.sweepPlacement = SweepPlacement::Adaptive;
        c.predictedCrossings = {{11, 0, 1}, {60, 1, 0}};
        const QString html = report(c);
        QVERIFY(html.contains("placed adaptively (placement: adaptive)"));
        QVERIFY2(html.contains(QString("<li>cluster becomes cheaper than ") + kOddNameEscaped +
                               " above ≈ 12.92 executions a day (predicted ≈ 11).</li>"),
                 qPrintable(html.mid(html.indexOf("<ol class=\"crossings\">"), 400)));
        QVERIFY(html.contains("The placement&#39;s model also predicted: ") ||
                html.contains("The placement's model also predicted: "));
        QVERIFY(html.contains("above ≈ 60 executions a day; the simulated sweep does not find it"));
        const auto json = c.toJson()["sweep"];
        QCOMPARE(json["placement"].get<std::string>(), std::string("adaptive"));
        QCOMPARE(json["crossings"][0]["predictedPerDay"].get<double>(), 11.0);
        QCOMPARE(json["predictedCrossings"].size(), std::size_t(2));
        QVERIFY(QString::fromStdString(c.toText()).contains("(predicted ≈ 11)"));
    }

    // Only the cluster at 1 a day fails more than 1 %: the one hollow point.
    void failingPointsAreHollow() {
        const auto points = pointsByTitle(nthSvg(report(sample()), 1));
        QCOMPARE(points.size(), std::size_t(6));
        for (const auto& [title, circle] : points) {
            const bool failing = title == "cluster at 1 a day";
            QCOMPARE(circle.contains("class=\"point failing\""), failing);
            QCOMPARE(circle.contains("fill=\"#fff\""), failing);
        }
    }

    // Costs from 2 to 400 span more than two decades: a log cost axis. From 4 to 400, exactly
    // two: linear. The rate axis is always logarithmic: 1, 10 and 100 equally spaced.
    void logAxes() {
        Comparison c = sample();
        QVERIFY(nthSvg(report(c), 1).contains(">USD a month (log scale)</text>"));
        c.sweep[0].monthlyUsd[0] = 4;
        const QString svg = nthSvg(report(c), 1);
        QVERIFY(svg.contains(">USD a month</text>"));
        const auto points = pointsByTitle(svg);
        const double x1 = attribute(points.at("cluster at 1 a day"), "cx");
        const double x10 = attribute(points.at("cluster at 10 a day"), "cx");
        const double x100 = attribute(points.at("cluster at 100 a day"), "cx");
        QVERIFY(x10 - x1 > 100);
        QVERIFY(std::abs((x10 - x1) - (x100 - x10)) < 0.2);
        QVERIFY(svg.contains(">executions a day (log scale)</text>"));
    }
};

QTEST_APPLESS_MAIN(TestHtmlReport)
#include "TestHtmlReport.moc"
