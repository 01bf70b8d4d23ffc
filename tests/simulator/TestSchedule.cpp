// EventBridge schedule expressions on the virtual calendar (t = 0 is Thursday
// 2026-01-01T00:00:00Z). Expected firings worked out by hand from a 2026 calendar:
// the 1st of each month falls on Jan Thu, Feb Sun, Mar Sun, Apr Wed, May Fri, Jun Mon,
// Jul Wed, Aug Sat, Sep Tue, Oct Thu, Nov Sun, Dec Tue; 2027-01-01 is a Friday.
#include "model/scenario/ScenarioError.h"
#include "simulator/exec/VirtualClock.h"
#include "simulator/workload/CivilCalendar.h"
#include "simulator/workload/Schedule.h"

#include "tests/common/ScenarioErrorOf.h"

#include <QtTest>

using namespace flowcast::sim;
using flowcast::model::ScenarioError;

namespace {

constexpr double kDay = 86400;

} // namespace

class TestSchedule : public QObject {
    Q_OBJECT

private slots:
    void calendarRoundTrip() {
        // Every day from 1970 to 2200 converts to a date and back, weekdays advance by one.
        unsigned weekday = calendar::cronWeekday(-1);
        for (std::int64_t day = 0; day < 84000; ++day) {
            const auto c = calendar::civilFromDays(day);
            QVERIFY(c.day >= 1 && c.day <= calendar::daysInMonth(c.year, c.month));
            QCOMPARE(calendar::daysFromCivil(c.year, c.month, c.day), day);
            const unsigned w = calendar::cronWeekday(day);
            QCOMPARE(w, weekday % 7 + 1);
            weekday = w;
        }
        QCOMPARE(calendar::cronWeekday(calendar::daysFromCivil(2026, 3, 1)), 1u); // a Sunday
    }

    void nextFirings_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<double>("from");         // seconds of virtual time; also a rate's anchor
        QTest::addColumn<QStringList>("firings"); // "none" = no further firing
        QTest::newRow("rate minutes")
            << "rate(5 minutes)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-01-01T00:05:00.000Z",
                           "2026-01-01T00:10:00.000Z"};
        QTest::newRow("rate 1 hour")
            << "rate(1 hour)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00.000Z",
                           "2026-01-01T02:00:00.000Z"};
        QTest::newRow("rate days")
            << "rate(2 days)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-01-03T00:00:00.000Z",
                           "2026-01-05T00:00:00.000Z"};
        QTest::newRow("rate anchored at start")
            << "rate(1 minute)" << 90.0
            << QStringList{"2026-01-01T00:01:30.000Z", "2026-01-01T00:02:30.000Z",
                           "2026-01-01T00:03:30.000Z"};
        QTest::newRow("daily at 02:00")
            << "cron(0 2 * * ? *)" << 0.0
            << QStringList{"2026-01-01T02:00:00.000Z", "2026-01-02T02:00:00.000Z",
                           "2026-01-03T02:00:00.000Z"};
        QTest::newRow("weekdays 18:00") << "cron(0 18 ? * MON-FRI *)" << 0.0
                                        << QStringList{"2026-01-01T18:00:00.000Z",  // Thu
                                                       "2026-01-02T18:00:00.000Z",  // Fri
                                                       "2026-01-05T18:00:00.000Z"}; // Mon
        QTest::newRow("first of month")
            << "cron(0 8 1 * ? *)" << 0.0
            << QStringList{"2026-01-01T08:00:00.000Z", "2026-02-01T08:00:00.000Z",
                           "2026-03-01T08:00:00.000Z"};
        QTest::newRow("every 15 minutes")
            << "cron(0/15 * * * ? *)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-01-01T00:15:00.000Z",
                           "2026-01-01T00:30:00.000Z"};
        QTest::newRow("weekdays from a Saturday")
            << "cron(0/10 * ? * MON-FRI *)" << 2 * kDay
            << QStringList{"2026-01-05T00:00:00.000Z", "2026-01-05T00:10:00.000Z",
                           "2026-01-05T00:20:00.000Z"};
        QTest::newRow("office hours")
            << "cron(0/5 8-17 ? * MON-FRI *)" << kDay + 17 * 3600 + 50 * 60 // Fri 17:50
            << QStringList{"2026-01-02T17:50:00.000Z", "2026-01-02T17:55:00.000Z",
                           "2026-01-05T08:00:00.000Z"};
        QTest::newRow("first Monday (#)")
            << "cron(0 9 ? * 2#1 *)" << 0.0
            << QStringList{"2026-01-05T09:00:00.000Z", "2026-02-02T09:00:00.000Z",
                           "2026-03-02T09:00:00.000Z"};
        QTest::newRow("fifth Thursday (#)")
            << "cron(0 0 ? * 5#5 *)" << 0.0
            << QStringList{"2026-01-29T00:00:00.000Z", "2026-04-30T00:00:00.000Z",
                           "2026-07-30T00:00:00.000Z"};
        QTest::newRow("last day (L)")
            << "cron(0 0 L * ? *)" << 0.0
            << QStringList{"2026-01-31T00:00:00.000Z", "2026-02-28T00:00:00.000Z",
                           "2026-03-31T00:00:00.000Z"};
        QTest::newRow("leap day, one year")
            << "cron(0 0 L 2 ? 2028)" << 0.0 << QStringList{"2028-02-29T00:00:00.000Z", "none"};
        QTest::newRow("last weekday (LW)") << "cron(0 12 LW * ? *)" << 0.0
                                           << QStringList{"2026-01-30T12:00:00.000Z",  // 31 Sat
                                                          "2026-02-27T12:00:00.000Z",  // 28 Sat
                                                          "2026-03-31T12:00:00.000Z"}; // Tue
        QTest::newRow("nearest weekday (15W)") << "cron(0 9 15W * ? *)" << 0.0
                                               << QStringList{"2026-01-15T09:00:00.000Z",  // Thu
                                                              "2026-02-16T09:00:00.000Z",  // 15 Sun
                                                              "2026-03-16T09:00:00.000Z"}; // 15 Sun
        QTest::newRow("1W stays in the month")
            << "cron(0 9 1W * ? *)" << 195 * kDay      // Jul 15
            << QStringList{"2026-08-03T09:00:00.000Z", // 1 Sat
                           "2026-09-01T09:00:00.000Z", "2026-10-01T09:00:00.000Z"};
        QTest::newRow("31W") << "cron(0 0 31W * ? *)" << 90 * kDay       // Apr 1
                             << QStringList{"2026-05-29T00:00:00.000Z",  // 31 Sun -> Fri 29
                                            "2026-07-31T00:00:00.000Z",  // Fri
                                            "2026-08-31T00:00:00.000Z"}; // Mon
        QTest::newRow("last Friday (6L)")
            << "cron(15 10 ? * 6L *)" << 0.0
            << QStringList{"2026-01-30T10:15:00.000Z", "2026-02-27T10:15:00.000Z",
                           "2026-03-27T10:15:00.000Z"};
        QTest::newRow("L in Day-of-week is Saturday")
            << "cron(0 0 ? * L *)" << 0.0
            << QStringList{"2026-01-03T00:00:00.000Z", "2026-01-10T00:00:00.000Z",
                           "2026-01-17T00:00:00.000Z"};
        QTest::newRow("lists and names")
            << "cron(30 6,18 ? JAN,MAR SUN *)" << 0.0
            << QStringList{"2026-01-04T06:30:00.000Z", "2026-01-04T18:30:00.000Z",
                           "2026-01-11T06:30:00.000Z"};
        QTest::newRow("lower-case names")
            << "cron(0 0 ? jan mon *)" << 0.0
            << QStringList{"2026-01-05T00:00:00.000Z", "2026-01-12T00:00:00.000Z",
                           "2026-01-19T00:00:00.000Z"};
        QTest::newRow("month range with step")
            << "cron(0 0 1 1-12/3 ? *)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-04-01T00:00:00.000Z",
                           "2026-07-01T00:00:00.000Z"};
        QTest::newRow("hours step")
            << "cron(5 1/6 * * ? *)" << 0.0
            << QStringList{"2026-01-01T01:05:00.000Z", "2026-01-01T07:05:00.000Z",
                           "2026-01-01T13:05:00.000Z"};
        QTest::newRow("hours range wraps")
            << "cron(0 22-2 * * ? *)" << 0.0
            << QStringList{"2026-01-01T00:00:00.000Z", "2026-01-01T01:00:00.000Z",
                           "2026-01-01T02:00:00.000Z", "2026-01-01T22:00:00.000Z"};
        QTest::newRow("weekday range wraps")
            << "cron(0 0 ? * FRI-MON *)" << 0.0
            << QStringList{"2026-01-02T00:00:00.000Z", "2026-01-03T00:00:00.000Z",
                           "2026-01-04T00:00:00.000Z", "2026-01-05T00:00:00.000Z",
                           "2026-01-09T00:00:00.000Z"};
        QTest::newRow("Sunday is 1")
            << "cron(0 0 ? * 1 *)" << 0.0
            << QStringList{"2026-01-04T00:00:00.000Z", "2026-01-11T00:00:00.000Z",
                           "2026-01-18T00:00:00.000Z"};
        QTest::newRow("year list")
            << "cron(0 0 1 1 ? 2027,2029)" << 0.0
            << QStringList{"2027-01-01T00:00:00.000Z", "2029-01-01T00:00:00.000Z", "none"};
        QTest::newRow("leap days by year step")
            << "cron(0 12 29 2 ? 2026-2040/2)" << 0.0
            << QStringList{"2028-02-29T12:00:00.000Z", "2032-02-29T12:00:00.000Z",
                           "2036-02-29T12:00:00.000Z"};
        QTest::newRow("rounds up to a whole minute")
            << "cron(* * * * ? *)" << 30.5
            << QStringList{"2026-01-01T00:01:00.000Z", "2026-01-01T00:02:00.000Z"};
        QTest::newRow("past the year range")
            << "cron(0 0 1 1 ? 2025)" << 0.0 << QStringList{"none"};
        QTest::newRow("never: 30 February") << "cron(0 0 30 2 ? *)" << 0.0 << QStringList{"none"};
    }

    void nextFirings() {
        QFETCH(QString, expression);
        QFETCH(double, from);
        QFETCH(QStringList, firings);
        const Schedule schedule = Schedule::parse(expression.toStdString(), "/s");
        QCOMPARE(schedule.isRate(), expression.startsWith("rate"));
        const SimTime anchor = SimTime::fromSeconds(from);
        SimTime t = anchor;
        for (const QString& expected : firings) {
            const auto next = schedule.nextAtOrAfter(t, anchor);
            if (expected == "none") {
                QVERIFY2(!next, next ? isoTimestamp(*next).c_str() : "");
                break;
            }
            QVERIFY2(next, qPrintable("no firing, expected " + expected));
            QCOMPARE(QString::fromStdString(isoTimestamp(*next)), expected);
            t = *next + SimTime{1};
        }
    }

    void invalid_data() {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("message");
        QTest::newRow("plural after 1")
            << "rate(1 hours)"
            << "rate: the value 1 takes the singular unit: rate(1 hour)";
        QTest::newRow("singular after 5")
            << "rate(5 minute)"
            << "rate: a value above 1 takes the plural unit: rate(5 minutes)";
        QTest::newRow("zero") << "rate(0 minutes)"
                              << "rate: value must be a positive whole number, got '0'";
        QTest::newRow("fraction") << "rate(1.5 hours)"
                                  << "rate: value must be a positive whole number, got '1.5'";
        QTest::newRow("seconds") << "rate(30 seconds)"
                                 << "rate: unknown unit 'seconds' (expected minute, minutes, hour, "
                                    "hours, day or days)";
        QTest::newRow("no unit") << "rate(5)"
                                 << "rate: expected rate(value unit), as in rate(5 minutes)";
        QTest::newRow("prose") << "every 5 minutes"
                               << "schedule: expected rate(value unit) or cron(fields), got 'every "
                                  "5 minutes'";
        QTest::newRow("unclosed") << "cron(0 2 * * ? *"
                                  << "schedule: expected rate(value unit) or cron(fields), got "
                                     "'cron(0 2 * * ? *'";
        QTest::newRow("five fields") << "cron(0 2 * * ?)"
                                     << "cron: expected 6 fields (Minutes Hours Day-of-month Month "
                                        "Day-of-week Year), got 5";
        QTest::newRow("seven fields")
            << "cron(0 2 * * ? * *)"
            << "cron: expected 6 fields (Minutes Hours Day-of-month Month "
               "Day-of-week Year), got 7";
        QTest::newRow("no question mark")
            << "cron(0 2 * * * *)"
            << "cron: one of Day-of-month and Day-of-week must be '?'";
        QTest::newRow("two question marks")
            << "cron(0 2 ? * ? *)"
            << "cron: Day-of-month and Day-of-week cannot both be '?'";
        QTest::newRow("minute 60") << "cron(60 2 * * ? *)"
                                   << "cron: Minutes: 60 is out of range 0-59";
        QTest::newRow("hour 24") << "cron(0 24 * * ? *)"
                                 << "cron: Hours: 24 is out of range 0-23";
        QTest::newRow("day 0") << "cron(0 0 0 * ? *)"
                               << "cron: Day-of-month: 0 is out of range 1-31";
        QTest::newRow("month 13") << "cron(0 0 1 13 ? *)"
                                  << "cron: Month: 13 is out of range 1-12";
        QTest::newRow("weekday 8") << "cron(0 0 ? * 8 *)"
                                   << "cron: Day-of-week: 8 is out of range 1-7";
        QTest::newRow("year 2200") << "cron(0 0 1 1 ? 2200)"
                                   << "cron: Year: 2200 is out of range 1970-2199";
        QTest::newRow("long month name") << "cron(0 0 1 JANUARY ? *)"
                                         << "cron: Month: unknown value 'JANUARY'";
        QTest::newRow("name in minutes") << "cron(MON 0 1 * ? *)"
                                         << "cron: Minutes: unknown value 'MON'";
        QTest::newRow("step 0") << "cron(0/0 * * * ? *)"
                                << "cron: Minutes: the step after '/' must be at least 1";
        QTest::newRow("step missing") << "cron(0/ * * * ? *)"
                                      << "cron: Minutes: '/' needs a step, as in 0/15";
        QTest::newRow("? in hours") << "cron(0 ? * * ? *)"
                                    << "cron: Hours: '?' is not allowed in this field";
        QTest::newRow("/ in weekdays") << "cron(0 0 ? * 2/2 *)"
                                       << "cron: Day-of-week: '/' is not allowed in this field";
        QTest::newRow("# in days") << "cron(0 0 1#2 * ? *)"
                                   << "cron: Day-of-month: '#' is not allowed in this field";
        QTest::newRow("W in weekdays") << "cron(0 0 ? * 2W *)"
                                       << "cron: Day-of-week: '2W' is not a number";
        QTest::newRow("L in hours") << "cron(0 L * * ? *)"
                                    << "cron: Hours: 'L' is not allowed in this field";
        QTest::newRow("two # expressions") << "cron(0 0 ? * 3#1,6#3 *)"
                                           << "cron: Day-of-week: '3#1,6#3': '#' allows only one "
                                              "expression, as in 2#1";
        QTest::newRow("sixth Tuesday")
            << "cron(0 0 ? * 3#6 *)"
            << "cron: Day-of-week: '3#6': the number after '#' must be 1 to 5";
        QTest::newRow("L in a list") << "cron(0 0 L,15 * ? *)"
                                     << "cron: Day-of-month: 'L,15': L and W must stand alone (as "
                                        "in L, LW or 15W)";
        QTest::newRow("L with offset") << "cron(0 0 L-2 * ? *)"
                                       << "cron: Day-of-month: 'L-2': L and W must stand alone (as "
                                          "in L, LW or 15W)";
        QTest::newRow("nL in a list") << "cron(0 0 ? * 6L,2 *)"
                                      << "cron: Day-of-week: '6L,2': L must stand alone or follow "
                                         "one day, as in 6L";
        QTest::newRow("32W") << "cron(0 0 32W * ? *)"
                             << "cron: Day-of-month: 32 is out of range 1-31";
        QTest::newRow("? in a list") << "cron(0 0 ?,1 * ? *)"
                                     << "cron: Day-of-month: '?' must stand alone";
        QTest::newRow("backwards years") << "cron(0 0 1 1 ? 2030-2026)"
                                         << "cron: Year: range 2030-2026 runs backwards";
        QTest::newRow("empty item") << "cron(0 0 1,,2 * ? *)"
                                    << "cron: Day-of-month: empty item in a list";
        QTest::newRow("signed") << "cron(-5 0 1 * ? *)"
                                << "cron: Minutes: a value is missing";
    }

    void invalid() {
        QFETCH(QString, expression);
        QFETCH(QString, message);
        const auto error = scenarioErrorOf(
            [&] { Schedule::parse(expression.toStdString(), "/workload/schedule"); });
        QVERIFY2(error, "no error");
        QCOMPARE(error->pointer, QString("/workload/schedule"));
        QCOMPARE(error->message, message);
    }
};

QTEST_APPLESS_MAIN(TestSchedule)
#include "TestSchedule.moc"
