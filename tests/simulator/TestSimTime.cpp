// SimTime: integer microseconds, exact conversions, and the human form used in traces.
#include "simulator/core/SimTime.h"

#include <QtTest>

using flowcast::sim::SimTime;

class TestSimTime : public QObject {
    Q_OBJECT

private slots:
    void conversions() {
        QCOMPARE(SimTime::fromSeconds(1.5).us, qint64(1'500'000));
        QCOMPARE(SimTime::fromSeconds(0.0000014).us, qint64(1)); // rounds to the nearest microsecond
        QCOMPARE(SimTime::fromMillis(120).us, qint64(120'000));
        QCOMPARE(SimTime{2'500'000}.seconds(), 2.5);
        QVERIFY(SimTime{1} < SimTime{2});
        QCOMPARE((SimTime{5} + SimTime{7}).us, qint64(12));
    }

    void format_data() {
        QTest::addColumn<qint64>("us");
        QTest::addColumn<QString>("text");
        QTest::newRow("zero") << qint64(0) << "0.000s";
        QTest::newRow("ms") << qint64(1'250'000) << "1.250s";
        QTest::newRow("minutes") << qint64(123'000'000) << "2m03.000s";
        QTest::newRow("hours") << qint64(3'723'500'000) << "1h02m03.500s";
        QTest::newRow("days") << qint64(273'906'000'000) << "3d04h05m06.000s";
        QTest::newRow("negative") << qint64(-1'500'000) << "-1.500s";
    }
    void format() {
        QFETCH(qint64, us);
        QFETCH(QString, text);
        QCOMPARE(QString::fromStdString(flowcast::sim::formatSimTime(SimTime{us})), text);
    }
};

QTEST_APPLESS_MAIN(TestSimTime)
#include "TestSimTime.moc"
