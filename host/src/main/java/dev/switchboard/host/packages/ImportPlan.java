package dev.switchboard.host.packages;

import dev.switchboard.api.RecordType;
import dev.switchboard.host.engine.BehaviorStore;
import dev.switchboard.host.plugins.Registered;
import java.util.List;
import java.util.Map;

/**
 * What an import would create, computed without writing: the package after substitution, checked, ready for
 * {@link PackageWriter}. Bots and behaviors carry stand-in ids until the writer allocates real ones.
 */
record ImportPlan(List<BotPlan> bots, List<BehaviorPlan> behaviors, List<RecordPlan> records,
                  List<NodePlan> nodes) {

    record BotPlan(String uid, BehaviorStore.NewBot bot, String path) {
    }

    /** @param botUid the package bot it belongs to, or null when {@code botId} names an existing bot */
    record BehaviorPlan(String uid, String botUid, long botId, BehaviorStore.NewBehavior behavior, String path) {
    }

    record RecordPlan(String uid, String context, Registered<RecordType> type, String path) {
    }

    /**
     * A {@code behavior_nodes[]} fragment: appended to the top level of an existing behavior.
     *
     * @param node the node as it will be stored (without {@code behavior_id} and {@code parent_id})
     */
    record NodePlan(String uid, long behaviorId, Map<String, Object> node, String path) {
    }
}
