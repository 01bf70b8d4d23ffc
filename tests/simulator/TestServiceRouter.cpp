// What the ServiceRouter tells the interpreter about a state's input and results
// (TaskBackend::readsInput, resultsFit): the interpreter skips building an input nobody reads
// and measuring results known to be small, so a wrong answer would change what a run computes.
#include "model/pricing/PriceBook.h"
#include "simulator/core/Kernel.h"
#include "simulator/core/Observer.h"
#include "simulator/exec/Program.h"
#include "simulator/services/ServiceRouter.h"
#include "tests/common/QuotedJson.h"

#include <QtTest>

using flowcast::model::Json;
using namespace flowcast::sim;

namespace {

const char* const kDefinition =
    "{'StartAt':'Echo','States':{"
    "'Echo':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Fixed'},"
    "'Fixed':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Sized'},"
    "'Sized':{'Type':'Task','Resource':'arn:aws:states:::glue:startJobRun','Next':'Huge'},"
    "'Huge':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','Next':'Submit'},"
    "'Submit':{'Type':'Task','Resource':'arn:aws:states:::glue:startJobRun','Next':'Status'},"
    "'Status':{'Type':'Task','Resource':'arn:aws:states:::aws-sdk:glue:getJobRun','Next':'Timed'},"
    "'Timed':{'Type':'Task','Resource':'arn:aws:states:::lambda:invoke','End':true}}}";

} // namespace

class TestServiceRouter : public QObject {
    Q_OBJECT

private slots:
    void inputsAndResults_data() {
        QTest::addColumn<QString>("state");
        QTest::addColumn<bool>("readsWhenUsed");
        QTest::addColumn<bool>("readsWhenDiscarded");
        QTest::addColumn<bool>("resultsFit");
        // Not in "states": the input is echoed, so read only when the result is used.
        QTest::newRow("echo") << "Echo" << true << false << true;
        QTest::newRow("configured result") << "Fixed" << false << false << true;
        QTest::newRow("records from the input") << "Sized" << true << true << true;
        QTest::newRow("result over 256 KiB") << "Huge" << false << false << false;
        QTest::newRow("submit echoes") << "Submit" << true << false << true;
        QTest::newRow("status answer") << "Status" << false << false << true;
        QTest::newRow("duration only: echo") << "Timed" << true << false << true;
    }
    void inputsAndResults() {
        QFETCH(QString, state);
        QFETCH(bool, readsWhenUsed);
        QFETCH(bool, readsWhenDiscarded);
        QFETCH(bool, resultsFit);
        const Program program(quotedJson(kDefinition));
        Json states =
            quotedJson("{'Fixed':{'result':{'Payload':{'ok':true}}},"
                       "'Sized':{'service':'etl','duration':{'records':'$.count',"
                       "'recordsPerSecondPerWorker':1000}},"
                       "'Huge':{'result':null},"
                       "'Submit':{'service':'etl','job':'submit'},"
                       "'Status':{'job':{'statusOf':'Submit','path':'JobRun.JobRunState'}},"
                       "'Timed':{'duration':{'constant':2}}}");
        states["Huge"]["result"] = std::string(300'000, 'z');
        const Json services = quotedJson("{'etl':{'kind':'glue','workers':2}}");
        Kernel kernel(1);
        Probe probe;
        const ServiceRouter router(kernel, probe, program, services, states, Json(), {},
                                   flowcast::model::PriceBook::defaults());
        std::uint32_t index = 0;
        while (program.stateNames()[index] != state.toStdString())
            ++index;
        QCOMPARE(router.readsInput(index, true), readsWhenUsed);
        QCOMPARE(router.readsInput(index, false), readsWhenDiscarded);
        QCOMPARE(router.resultsFit(index), resultsFit);
    }
};

QTEST_APPLESS_MAIN(TestServiceRouter)
#include "TestServiceRouter.moc"
