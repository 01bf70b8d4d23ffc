#pragma once
// The post-pass of jsonata-js (processAST): turns the raw Pratt tree into the Node tree. It
// flattens '.' chains into paths, moves filters, group-by, order-by, focus and index bindings
// onto the steps they follow, resolves which step each '%' refers to, and marks tail calls.
// One builder per parse; not reusable. Errors (S0201, S0207, S0209, S0210, S0213, S0215-S0217)
// throw ParseFailure.
#include "model/jsonata/Ast.h"
#include "model/jsonata/Lexer.h"
#include "model/jsonata/ParseTree.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace flowcast::model::jsonata {

class AstBuilder {
public:
    /// `positions` converts the raw tree's byte offsets into the tree's UTF-16 offsets.
    explicit AstBuilder(const Utf16Positions& positions) : m_positions(positions) {}
    NodePtr build(RawNode& root);

private:
    using MutableNode = std::shared_ptr<Node>;
    using SlotList = std::shared_ptr<std::vector<int>>;

    // A '%' waiting to be matched with a step: `level` counts the steps still to climb.
    struct Slot {
        std::string label;
        int level = 1;
    };

    MutableNode create(NodeKind kind, std::size_t position, Payload payload = {});
    MutableNode wrapInPath(MutableNode first, std::size_t position);
    using Handler = MutableNode (AstBuilder::*)(RawNode&);
    static Handler handlerFor(const RawNode& raw);
    static Handler binaryHandlerFor(const std::string& op);

    MutableNode process(RawNode& raw);
    MutableNode processLeaf(RawNode& raw);
    [[noreturn]] MutableNode processEnd(RawNode& raw);
    MutableNode processBind(RawNode& raw);
    MutableNode processApply(RawNode& raw);
    MutableNode processOperation(RawNode& raw);
    MutableNode processPathStep(RawNode& raw);
    MutableNode processFilter(RawNode& raw);
    MutableNode processGroupBy(RawNode& raw);
    MutableNode processOrderBy(RawNode& raw);
    MutableNode processFocus(RawNode& raw);
    MutableNode processIndex(RawNode& raw);
    MutableNode processUnary(RawNode& raw);
    MutableNode processCall(RawNode& raw);
    MutableNode processLambda(RawNode& raw);
    MutableNode processCondition(RawNode& raw);
    MutableNode processTransform(RawNode& raw);
    MutableNode processBlock(RawNode& raw);
    MutableNode processName(RawNode& raw);
    MutableNode processParent(RawNode& raw);
    MutableNode processOperator(RawNode& raw);
    std::vector<KeyValue> processPairs(std::vector<RawPair>& pairs, Node* ancestryOwner);

    void seekParent(Node& node, int slot);
    void pushAncestry(const Node& owner, const Node& value);
    void resolveAncestry(Node& path);
    void prepareForEvaluation();
    void finishLabels();
    void convertPositions();

    // Every node made, alive until the build ends: the maps below are keyed by address, and a
    // node dropped midway (a path merged into another) must not have its address reused.
    const Utf16Positions& m_positions;
    std::vector<MutableNode> m_allNodes;
    std::vector<Slot> m_slots;
    std::unordered_map<const Node*, SlotList> m_seeking; // jsonata-js's node.seekingParent
    std::unordered_map<const Node*, int> m_parentSlot;   // each '%' node's slot
    std::vector<std::pair<Node*, int>> m_parents;
    std::unordered_map<Node*, int> m_ancestorSlot; // jsonata-js's step.ancestor
};

} // namespace flowcast::model::jsonata
