#pragma once
// A compact, stable one-line rendering of a syntax tree, for tests and debugging.
//   literals  1  "s"  true  /re/i      names  a  `a b`      variables  $x  $  $$
//   (path a b)  (+ a b)  (- x)  (array a b)  (object (k v))  (block a b)  (? c a b)
//   (call f a)  (partial f ? a)  (lambda ($a $b) <n-:n> body)  (:= $a v)  (~> a f)
//   (transform p u d)  (sort <a >b)  *  **  %!0
// Step annotations follow the node: @$v, #$i, [filter] for each stage, [pred:e] for
// each predicate, {group (k v)}, ^!0 for an ancestor label, then :tuple :keep :cons
// :keepSingleton (on a path) and :tail (on a call).
#include "model/jsonata/Ast.h"

#include <string>

namespace flowcast::model::jsonata {

std::string toSExpression(const Node& node);

} // namespace flowcast::model::jsonata
