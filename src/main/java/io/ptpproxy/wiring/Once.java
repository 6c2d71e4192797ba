package io.ptpproxy.wiring;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The beans of one configuration class, each made once. Camel Main 4.18 post-processes a class of
 * {@code camel.main.configuration-classes} twice: when its injector creates it, and again before
 * calling {@code configure}; each time it calls every {@code @BindToRegistry} method and binds the
 * result again. Without this, every store would be opened, every meter registered and every stop
 * action added twice, and the beans the routes get would not be the ones measured.
 */
final class Once {

    private final Map<String, Object> made = new HashMap<>();

    /**
     * @param name the bean's name
     * @param make makes the bean, on the first call for this name
     * @return the bean made on the first call
     */
    @SuppressWarnings("unchecked")
    <T> T of(String name, Supplier<T> make) {
        if (!made.containsKey(name)) {
            made.put(name, make.get());
        }
        return (T) made.get(name);
    }
}
