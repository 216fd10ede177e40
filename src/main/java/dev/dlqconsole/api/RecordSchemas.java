package dev.dlqconsole.api;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a record's JSON holds, as the contract says it. springdoc cannot see JSpecify's marks (they
 * annotate the type, not the field), hence this converter: a component marked {@link Nullable} may be
 * {@code null}; and as the API writes every component of an answer, null or not, each one is
 * required there. In the records read from requests an absent field is null, so only the others are.
 * A component whose {@code @Schema} says {@code NOT_REQUIRED} is left as it says.
 */
@Component
class RecordSchemas implements ModelConverter {

    private static final Set<Class<?>> READ_FROM_REQUESTS = Set.of(
            NewReplay.class,
            FilterInput.class,
            NewVersion.class,
            NewVersion.EditedAttribute.class,
            BulkEditInput.class);

    @Override
    public @Nullable Schema<?> resolve(
            AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        var schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
        var raw = Json.mapper().constructType(type.getType()).getRawClass();
        if (schema == null || !raw.isRecord()) {
            return schema;
        }
        var ref = schema.get$ref();
        var model = ref == null ? schema : context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
        if (model == null || model.getProperties() == null) {
            return schema;
        }
        for (var component : raw.getRecordComponents()) {
            var property = (Schema<?>) model.getProperties().get(component.getName());
            if (property == null || declaredOptional(component)) {
                continue;
            }
            var nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            var required = model.getRequired() != null && model.getRequired().contains(component.getName());
            if (nullable && !required && property.get$ref() == null) {
                mayBeNull(property);
            }
            if (!required && (!nullable || !READ_FROM_REQUESTS.contains(raw))) {
                model.addRequiredItem(component.getName());
            }
        }
        return schema;
    }

    private static boolean declaredOptional(RecordComponent component) {
        var declared = component.getAccessor().getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        return declared != null
                && declared.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void mayBeNull(Schema property) {
        if (property.getTypes() == null && property.getType() != null) {
            property.setTypes(new LinkedHashSet<>(Set.of(property.getType())));
        }
        property.addType("null");
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            var values = new java.util.ArrayList<Object>((List<Object>) property.getEnum());
            values.add(null);
            property.setEnum(values);
        }
    }
}
