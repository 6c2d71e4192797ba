package io.ptpproxy.api;

/**
 * The v1 subscriptions the legacy status ping ({@code PUT subscriptions/status/{id}}) answers for.
 * Only v1 subscriptions can be pinged (a v2 id is always "subscription not found", as upstream);
 * until a v1 store exists, {@link #NONE} knows no id.
 */
@FunctionalInterface
public interface LegacySubscriptions {

    /** Knows no subscription. */
    LegacySubscriptions NONE = id -> false;

    /** @return true when a v1 subscription has this id */
    boolean exists(String id);
}
