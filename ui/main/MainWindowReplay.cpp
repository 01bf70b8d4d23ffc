// MainWindow's Replay panel: one simulated execution walked step by step, docked under the
// Design mode (its states glow on the canvas), opened from Run > Replay an Execution….
#include "ui/canvas/CanvasScene.h"
#include "ui/main/MainWindow.h"
#include "ui/replay/ReplayPanel.h"
#include "ui/simulate/SimulateView.h"

#include <QAction>
#include <QDockWidget>
#include <QKeySequence>
#include <QMenu>
#include <QTabWidget>

namespace flowcast::ui {

void MainWindow::createReplay(QMenu* run) {
    m_replay = new ReplayPanel(*m_session, *m_scene);
    m_replay->setObjectName(QStringLiteral("replay"));
    m_replay->setRunner(&m_simulate->runner());
    m_replayDock = new QDockWidget(tr("Replay"), this);
    m_replayDock->setObjectName(QStringLiteral("replayDock"));
    m_replay->setMinimumHeight(260); // the controls and a Gantt of about eight lanes
    m_replayDock->setWidget(m_replay);
    m_replayDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::TopDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_replayDock);
    m_replayDock->hide();
    // The panel belongs to the Design mode: it hides with it and comes back with it, unless
    // the user closed it there.
    connect(m_modes, &QTabWidget::currentChanged, this, [this](int mode) {
        if (mode == DesignMode)
            m_replayDock->setVisible(m_replayOpen);
        else
            m_replayDock->hide();
    });
    connect(m_replayDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!visible && isVisible() && this->mode() == DesignMode) m_replayOpen = false;
    });
    run->addAction(tr("Re&play an Execution\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                   this, &MainWindow::showReplay);
}

void MainWindow::showReplay() {
    setMode(DesignMode);
    m_replayOpen = true;
    m_replayDock->show();
    m_replayDock->raise();
    resizeDocks({m_replayDock}, {360}, Qt::Vertical); // room for a dozen lanes
}

} // namespace flowcast::ui
