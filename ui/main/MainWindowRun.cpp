// MainWindow's Run menu: simulate the project's scenario, compare its deployments, cancel.
#include "ui/main/MainWindow.h"
#include "ui/simulate/CompareView.h"
#include "ui/simulate/SimulateView.h"

#include <QAction>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>

namespace flowcast::ui {

void MainWindow::createRunMenu() {
    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->addAction(tr("&Simulate"), QKeySequence(Qt::CTRL | Qt::Key_R), this,
                   [this] { runScenario(SimulateMode); });
    run->addAction(tr("&Compare Deployments"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), this,
                   [this] { runScenario(CompareMode); });
    run->addSeparator();
    run->addAction(tr("C&ancel"), QKeySequence(Qt::CTRL | Qt::Key_Period), this, [this] {
        m_simulate->cancel();
        m_compare->cancel();
    });
}

bool MainWindow::runScenario(int mode) {
    setMode(mode);
    return mode == CompareMode ? m_compare->run() : m_simulate->run();
}

} // namespace flowcast::ui
