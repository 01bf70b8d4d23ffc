// flowcast: the desktop application. Wiring only: the window and everything in it live in ui/.
#include "app/Version.h"
#include "model/scenario/Scenario.h"
#include "model/scenario/ScenarioError.h"
#include "ui/canvas/CanvasView.h"
#include "ui/main/MainWindow.h"
#include "ui/replay/ReplayPanel.h"
#include "ui/session/DefinitionSession.h"
#include "ui/simulate/CompareView.h"
#include "ui/simulate/SimulateView.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QLineEdit>
#include <QSettings>
#include <QTimer>

#include <cstring>
#include <iostream>
#include <memory>
#include <optional>

namespace {

constexpr const char* kHelp =
    "Usage: flowcast [OPTIONS] [FILE]\n\n"
    "Design, simulate and price AWS Step Functions pipelines.\n"
    "FILE is an ASL definition (.asl.json, .asl.yaml), a Flowcast project (.flowcast.json) or a\n"
    "CloudFormation / SAM template; it opens at start.\n\n"
    "Options:\n"
    "  --open FILE          the same as giving FILE\n"
    "  --screenshot OUT     render the window to OUT (.png) and quit; works without a display\n"
    "  --size WxH           the window size for --screenshot (default 1400x900)\n"
    "  --view MODE          start in design (default), code, config, scenario, simulate,\n"
    "                       compare or replay mode; with --screenshot, simulate and compare run\n"
    "                       the project's scenario first and the picture shows the results;\n"
    "                       replay shows the slowest of the first 1,000 executions\n"
    "  --select POINTER     select a state, e.g. /States/ConvertToParquet\n"
    "  --compare-pdf OUT    compare the scenario's deployments as the Compare mode does, write\n"
    "                       its PDF report to OUT (.pdf) and quit; works without a display\n"
    "  --scenario FILE      with --compare-pdf: the scenario to compare (default: the\n"
    "                       project's, or the .scenario.json beside the definition)\n"
    "  --horizon TIME       with --compare-pdf: virtual time per deployment (7d, 12h; default:\n"
    "                       the scenario's)\n"
    "  -h, --help           show this help\n"
    "  --version            print the version\n"
    "Qt's own options (-platform, -style, ...) are accepted too.\n"
    "Exit status: 0 ok, 1 the file, the screenshot or the comparison failed, 2 usage error.\n";

// A screenshot or a PDF needs no screen.
bool runsHeadless(int argc, char** argv) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], "--screenshot") == 0 || std::strcmp(argv[i], "--compare-pdf") == 0)
            return true;
    return false;
}

// --help and --version answer before QApplication exists, so they work without a display.
bool answeredInfoFlag(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--help") == 0 || std::strcmp(argv[i], "-h") == 0) {
            std::cout << kHelp;
            return true;
        }
        if (std::strcmp(argv[i], "--version") == 0) {
            std::cout << "flowcast " << flowcast::kVersion << "\n";
            return true;
        }
    }
    return false;
}

// Runs the project's scenario in the Simulate or Compare mode and waits for it (at most ten
// minutes, then cancels); true when it ran to the end.
bool runAndWait(flowcast::ui::MainWindow& window, int mode) {
    using flowcast::ui::MainWindow;
    bool completed = false;
    QEventLoop loop;
    const auto done = [&](bool ok) {
        completed = ok;
        loop.quit();
    };
    if (mode == MainWindow::CompareMode)
        QObject::connect(window.compareView(), &flowcast::ui::CompareView::runFinished, &loop,
                         done);
    else
        QObject::connect(window.simulateView(), &flowcast::ui::SimulateView::runFinished, &loop,
                         done);
    if (!window.runScenario(mode)) return false;
    QTimer::singleShot(10 * 60 * 1000, &loop, [&] {
        window.compareView()->cancel();
        window.simulateView()->cancel();
    });
    loop.exec();
    return completed;
}

// --compare-pdf: the Compare mode's comparison of `file`'s scenario (or `scenarioFile`'s) and its
// PDF export, without a window. Every failure names the file it comes from.
int writeComparePdf(const QString& file, const QString& scenarioFile, const QString& horizon,
                    const QString& out) {
    const auto fail = [](const QString& where, const QString& why) {
        std::cerr << "flowcast: " << where.toStdString() << ": " << why.toStdString() << "\n";
        return 1;
    };
    flowcast::ui::DefinitionSession session;
    QString loadError;
    QObject::connect(&session, &flowcast::ui::DefinitionSession::loadFailed,
                     [&](const QString& message) { loadError = message; });
    if (!session.open(file))
        return fail(file, loadError.isEmpty() ? QStringLiteral("cannot be opened") : loadError);
    std::optional<flowcast::model::Scenario> scenario;
    if (!scenarioFile.isEmpty()) {
        try {
            scenario = flowcast::model::Scenario::read(scenarioFile.toStdString());
        } catch (const flowcast::model::ScenarioError& e) {
            return fail(scenarioFile + QString::fromStdString(
                                           e.pointer().empty() ? std::string() : ":" + e.pointer()),
                        QString::fromUtf8(e.what()));
        }
    }
    const QString source = scenarioFile.isEmpty() ? file : scenarioFile;
    flowcast::ui::CompareView view(session);
    view.resize(1400, 900); // the charts drawn into the PDF at the window's default size
    view.show();
    view.horizonField()->setText(horizon);
    bool completed = false;
    QEventLoop loop;
    QObject::connect(&view, &flowcast::ui::CompareView::runFinished, &loop, [&](bool ok) {
        completed = ok;
        loop.quit();
    });
    if (!view.run(scenario ? &*scenario : nullptr)) return fail(source, view.statusText());
    loop.exec();
    if (!completed || view.comparison() == nullptr) return fail(source, view.statusText());
    if (!view.exportReport(out)) return fail(out, view.statusText());
    std::cout << out.toStdString() << "\n";
    return 0;
}

// Shows the Replay panel with the slowest of the first executions, at the step entering its
// longest state; true when it loaded.
bool replayAndWait(flowcast::ui::MainWindow& window) {
    window.showReplay();
    flowcast::ui::ReplayPanel& panel = *window.replayPanel();
    bool loaded = false;
    QEventLoop loop;
    QObject::connect(&panel, &flowcast::ui::ReplayPanel::loaded, &loop, [&](bool ok) {
        loaded = ok;
        loop.quit();
    });
    if (!panel.load(flowcast::sim::ExecutionPick::Slowest)) return false;
    loop.exec();
    if (!loaded) return false;
    // The step that enters the longest visit: a state glows on the canvas.
    const flowcast::sim::ExecutionTimeline& timeline = *panel.timeline();
    std::size_t longest = 0;
    flowcast::sim::SimTime most{-1};
    for (std::size_t k = 0; k < timeline.steps().size(); ++k) {
        const auto& visit = timeline.visits()[timeline.steps()[k].visit];
        if (timeline.steps()[k].entered && visit.exited - visit.entered > most) {
            most = visit.exited - visit.entered;
            longest = k;
        }
    }
    panel.setStep(longest);
    return loaded;
}

} // namespace

int main(int argc, char** argv) {
    if (answeredInfoFlag(argc, argv)) return 0;

    // A screenshot needs no screen: without a display, render offscreen.
    if (runsHeadless(argc, argv) && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY") &&
        qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv); // removes Qt's own options from the arguments
    QApplication::setOrganizationName(QStringLiteral("Flowcast"));
    QApplication::setApplicationName(QStringLiteral("Flowcast"));
    QApplication::setApplicationVersion(QString::fromUtf8(flowcast::kVersion));

    QString file;
    QString screenshot;
    QSize size(1400, 900);
    QString select;
    QString comparePdf;
    QString scenarioFile;
    QString horizon;
    int view = 0;
    bool replay = false;
    const QStringList args = QApplication::arguments().mid(1);
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        const bool takesValue =
            arg == QLatin1String("--open") || arg == QLatin1String("--screenshot") ||
            arg == QLatin1String("--size") || arg == QLatin1String("--view") ||
            arg == QLatin1String("--select") || arg == QLatin1String("--compare-pdf") ||
            arg == QLatin1String("--scenario") || arg == QLatin1String("--horizon");
        if (takesValue && i + 1 >= args.size()) {
            std::cerr << "flowcast: " << arg.toStdString() << " needs a value\n";
            return 2;
        }
        if (arg == QLatin1String("--screenshot")) {
            screenshot = args[++i];
            continue;
        }
        if (arg == QLatin1String("--select")) {
            select = args[++i];
            continue;
        }
        if (arg == QLatin1String("--compare-pdf") || arg == QLatin1String("--scenario") ||
            arg == QLatin1String("--horizon")) {
            QString& value = arg == QLatin1String("--compare-pdf") ? comparePdf
                             : arg == QLatin1String("--scenario")  ? scenarioFile
                                                                   : horizon;
            value = args[++i];
            continue;
        }
        if (arg == QLatin1String("--view")) {
            const QString mode = args[++i];
            replay = mode == QLatin1String("replay");
            using flowcast::ui::MainWindow;
            view = mode == QLatin1String("design")     ? MainWindow::DesignMode
                   : mode == QLatin1String("code")     ? MainWindow::CodeMode
                   : mode == QLatin1String("config")   ? MainWindow::ConfigMode
                   : mode == QLatin1String("scenario") ? MainWindow::ScenarioMode
                   : mode == QLatin1String("simulate") ? MainWindow::SimulateMode
                   : mode == QLatin1String("compare")  ? MainWindow::CompareMode
                   : replay                            ? MainWindow::DesignMode
                                                       : -1;
            if (view < 0) {
                std::cerr << "flowcast: --view takes design, code, config, scenario, simulate, "
                             "compare or replay\n";
                return 2;
            }
            continue;
        }
        if (arg == QLatin1String("--size")) {
            const QStringList wh = args[++i].split(QLatin1Char('x'));
            if (wh.size() != 2 || wh[0].toInt() < 200 || wh[1].toInt() < 200) {
                std::cerr << "flowcast: --size takes WIDTHxHEIGHT, at least 200x200\n";
                return 2;
            }
            size = QSize(wh[0].toInt(), wh[1].toInt());
            continue;
        }
        QString path = arg;
        if (arg == QLatin1String("--open")) {
            path = args[++i];
        } else if (arg.startsWith(QLatin1Char('-'))) {
            std::cerr << "flowcast: unknown option '" << arg.toStdString()
                      << "'\nTry 'flowcast --help'.\n";
            return 2;
        }
        if (!file.isEmpty()) {
            std::cerr << "flowcast: one file at a time; '" << path.toStdString()
                      << "' is not opened\n";
            continue;
        }
        file = path;
    }

    if (comparePdf.isEmpty() && (!scenarioFile.isEmpty() || !horizon.isEmpty())) {
        std::cerr << "flowcast: --scenario and --horizon go with --compare-pdf\n";
        return 2;
    }
    if (!comparePdf.isEmpty()) {
        if (file.isEmpty()) {
            std::cerr << "flowcast: --compare-pdf needs a definition or project to open\n";
            return 2;
        }
        if (QFileInfo(comparePdf).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive)) {
            std::cerr << "flowcast: --compare-pdf writes a .pdf file, not '"
                      << comparePdf.toStdString() << "'\n";
            return 2;
        }
        if (!screenshot.isEmpty()) {
            std::cerr << "flowcast: --compare-pdf and --screenshot are separate runs\n";
            return 2;
        }
        return writeComparePdf(file, scenarioFile, horizon, comparePdf);
    }

    flowcast::ui::MainWindow window(
        std::make_unique<QSettings>(QStringLiteral("Flowcast"), QStringLiteral("Flowcast")));
    if (!screenshot.isEmpty()) {
        // A picture of the file as it opens: no recovery question, no saved geometry.
        window.resize(size);
        window.show();
        // The session opens it: a screenshot leaves the recent files and recovery alone.
        bool opened = file.isEmpty() || window.session().open(file);
        window.setMode(view);
        if (opened &&
            (view == flowcast::ui::MainWindow::SimulateMode ||
             view == flowcast::ui::MainWindow::CompareMode) &&
            !runAndWait(window, view)) {
            std::cerr << "flowcast: the scenario did not run; the screenshot shows why\n";
            opened = false;
        }
        if (opened && replay && !replayAndWait(window)) {
            std::cerr << "flowcast: no execution to replay; the screenshot shows why\n";
            opened = false;
        }
        if (!select.isEmpty()) window.session().select(select);
        QApplication::processEvents(); // the queued fit to window
        window.canvas()->fitToWindow();
        QApplication::processEvents();
        if (!window.grab().save(screenshot)) {
            std::cerr << "flowcast: cannot write the screenshot to " << screenshot.toStdString()
                      << "\n";
            return 1;
        }
        std::cout << screenshot.toStdString() << "\n";
        return opened ? 0 : 1;
    }
    window.show();
    const bool recovered = window.offerRecovery();
    if (!file.isEmpty() && !recovered) window.openFile(file);
    return QApplication::exec();
}
