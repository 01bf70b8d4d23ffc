// flowcast: the desktop application. Wiring only: the window and everything in it live in ui/.
#include "app/Version.h"
#include "ui/main/MainWindow.h"

#include <QApplication>
#include <QSettings>

#include <cstring>
#include <iostream>
#include <memory>

namespace {

constexpr const char* kHelp =
    "Usage: flowcast [OPTIONS] [FILE]\n\n"
    "Design, simulate and price AWS Step Functions pipelines.\n"
    "FILE is an ASL definition (.asl.json, .asl.yaml) or a CloudFormation / SAM template;\n"
    "it opens at start.\n\n"
    "Options:\n"
    "  -h, --help     show this help\n"
    "  --version      print the version\n"
    "Qt's own options (-platform, -style, ...) are accepted too.\n";

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

} // namespace

int main(int argc, char** argv) {
    if (answeredInfoFlag(argc, argv)) return 0;

    QApplication app(argc, argv); // removes Qt's own options from the arguments
    QApplication::setOrganizationName(QStringLiteral("Flowcast"));
    QApplication::setApplicationName(QStringLiteral("Flowcast"));
    QApplication::setApplicationVersion(QString::fromUtf8(flowcast::kVersion));

    QString file;
    const QStringList args = QApplication::arguments().mid(1);
    for (const QString& arg : args) {
        if (arg.startsWith(QLatin1Char('-'))) {
            std::cerr << "flowcast: unknown option '" << arg.toStdString()
                      << "'\nTry 'flowcast --help'.\n";
            return 2;
        }
        if (!file.isEmpty()) {
            std::cerr << "flowcast: one file at a time; '" << arg.toStdString()
                      << "' is not opened\n";
            continue;
        }
        file = arg;
    }

    flowcast::ui::MainWindow window(
        std::make_unique<QSettings>(QStringLiteral("Flowcast"), QStringLiteral("Flowcast")));
    window.show();
    if (!file.isEmpty()) window.openFile(file);
    return QApplication::exec();
}
