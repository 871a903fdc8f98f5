package dev.sluice.schemas.serde;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedWithParams;

/**
 * Calls property-based creators (every record's canonical constructor) through a method handle
 * spread once, instead of Jackson 3's {@code MethodHandle.invokeWithArguments}, which builds a
 * spreader on every call: in profiles of the dev JVM under load that call alone was about 2 % of
 * all samples, and close to half of a stream router's decode. Same constructor, same arguments,
 * same error handling (an exception the creator throws is reported as Jackson would report it);
 * only how the call is made changes. Creators this cannot take over (not public, varargs, a
 * subclass of {@link StdValueInstantiator}) are left to Jackson.
 */
public final class CreatorCalls extends JacksonModule {

    @Override
    public String getModuleName() {
        return "sluice-creator-calls";
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        context.addValueInstantiators(new ValueInstantiators.Base() {
            @Override
            public ValueInstantiator modifyValueInstantiator(
                    DeserializationConfig config, BeanDescription.Supplier beanDesc, ValueInstantiator found) {
                return Spread.of(found);
            }
        });
    }

    /** {@link StdValueInstantiator} whose with-arguments creator is called through {@link #spread}. */
    static final class Spread extends StdValueInstantiator {
        private final MethodHandle spread;

        private Spread(StdValueInstantiator base, MethodHandle spread) {
            super(base);
            this.spread = spread;
        }

        static ValueInstantiator of(ValueInstantiator found) {
            if (found.getClass() != StdValueInstantiator.class || !found.canCreateFromObjectWith()) return found;
            MethodHandle h = handle(((StdValueInstantiator) found).getWithArgsCreator());
            return h == null ? found : new Spread((StdValueInstantiator) found, h);
        }

        private static @Nullable MethodHandle handle(@Nullable AnnotatedWithParams creator) {
            if (creator == null) return null;
            Member m = creator.getMember();
            try {
                MethodHandle h;
                int arity;
                if (m instanceof Constructor<?> c) {
                    if (!accessible(c.getModifiers(), c.getDeclaringClass()) || c.isVarArgs()) return null;
                    h = MethodHandles.publicLookup().unreflectConstructor(c);
                    arity = c.getParameterCount();
                } else if (m instanceof Method method) {
                    if (!Modifier.isStatic(method.getModifiers())
                            || !accessible(method.getModifiers(), method.getDeclaringClass())
                            || method.isVarArgs()) return null;
                    h = MethodHandles.publicLookup().unreflect(method);
                    arity = method.getParameterCount();
                } else {
                    return null;
                }
                return h.asSpreader(Object[].class, arity).asType(MethodType.methodType(Object.class, Object[].class));
            } catch (IllegalAccessException | RuntimeException e) {
                return null; // Jackson's own call stays in place
            }
        }

        private static boolean accessible(int modifiers, Class<?> declaring) {
            return Modifier.isPublic(modifiers) && Modifier.isPublic(declaring.getModifiers());
        }

        @Override
        public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) throws JacksonException {
            try {
                return (Object) spread.invokeExact(args);
            } catch (Error e) {
                throw e;
            } catch (Throwable e) {
                return ctxt.handleInstantiationProblem(_valueClass, args, rewrapCtorProblem(ctxt, e));
            }
        }
    }
}
