#pragma once
// OverridePatch: how a deployment's override of one service or state model is edited through a
// form that shows the merged result. The override is a JSON merge patch over the scenario's
// entry (model/scenario/Deployment.h): a key it holds is set by the deployment (null removes
// the scenario's value), a key it lacks is inherited. A form edit turns the change between two
// merged objects into writes of only the keys that changed, so the rest stays inherited.
#include "model/asl/Json.h"

#include <QStringList>

namespace flowcast::ui::overrides {

/// `base` (null: no such entry) with `patch` merged over it, as deploymentsOf merges it.
model::Json merged(const model::Json& base, const model::Json& patch);

/// Writes into `patch` what turns `before` into `after` (both merged over `base`): each changed
/// key, and each changed key of a `groups` object ("autoscaling"), is set, replaced exactly
/// (nulls for the keys an object loses) or removed (null when `base` holds it).
void writeChange(model::Json& patch, const model::Json& base, const model::Json& before,
                 const model::Json& after, const QStringList& groups = {});

/// Removes `key` ("nodes", "autoscaling/min") from `patch`, and a group it leaves empty: the
/// field is inherited again. False when the patch did not set it.
bool clear(model::Json& patch, const QString& key);

/// The keys `patch` sets, a `groups` object's keys one by one ("autoscaling/min").
QStringList setKeys(const model::Json& patch, const QStringList& groups = {});

/// Whether `patch` sets `key` (possibly to null).
bool sets(const model::Json& patch, const QString& key);

} // namespace flowcast::ui::overrides
