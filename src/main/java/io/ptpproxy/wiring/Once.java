package io.ptpproxy.wiring;

import java.util.HashMap;
import java.util.Map;

/**
 * The beans of one configuration class, each made once. Camel Main 4.18 post-processes a class of
 * {@code camel.main.configuration-classes} twice: when its injector creates it, and again before
 * calling {@code configure}; each time it calls every {@code @BindToRegistry} method and binds the
 * result again. Without this, every store would be opened, every meter registered and every stop
 * action added twice, and the beans the routes get would not be the ones measured. A bean method
 * returns {@link #find} when it is not null, else makes its bean and returns {@link #keep} of it
 * (no lambda per method: each would be a class to spin at start-up).
 */
final class Once {

    private final Map<String, Object> made = new HashMap<>();

    /** @return the bean made under {@code name}, or null on the first call */
    @SuppressWarnings("unchecked")
    <T> T find(String name) {
        return (T) made.get(name);
    }

    /** @return {@code bean}, kept under {@code name} for the next call */
    <T> T keep(String name, T bean) {
        made.put(name, bean);
        return bean;
    }
}
