package dev.portcullis.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.portcullis.error.OAuthException;
import java.util.Collection;

/**
 * A JSON object bound into a record with snake_case names, strictly: an unknown field or a value
 * of the wrong type is a validation error naming its JSON path ({@code redirect_uris[1]}).
 */
final class JsonBinding {
    private static final ObjectMapper MAPPER = strict(Json.MAPPER.copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));

    private JsonBinding() {}

    static <T> T bind(ObjectNode object, Class<T> type, String root) {
        try {
            return MAPPER.treeToValue(object, type);
        } catch (UnrecognizedPropertyException e) {
            throw OAuthException.validation(path(root, e), "unknown field");
        } catch (MismatchedInputException e) {
            String expected = e.getTargetType() == null ? "another type" : typeName(e.getTargetType());
            throw OAuthException.validation(path(root, e), "must be " + expected);
        } catch (JsonMappingException e) {
            throw OAuthException.validation(path(root, e), "invalid value");
        } catch (JacksonException e) {
            throw OAuthException.validation(root.isEmpty() ? "body" : root, "invalid value");
        }
    }

    /** {@code $.apps[0].redirect_uris[1]}, or {@code redirect_uris[1]} with an empty root. */
    private static String path(String root, JsonMappingException e) {
        StringBuilder out = new StringBuilder(root);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) out.append('.');
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == String.class) return "a string";
        if (type == Boolean.class || type == boolean.class) return "true or false";
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) return "a number";
        if (Collection.class.isAssignableFrom(type)) return "an array";
        return "an object";
    }

    /** No coercion between JSON types: "5" is not a number, 5 is not a string, a string is not an array. */
    private static ObjectMapper strict(ObjectMapper mapper) {
        for (LogicalType type : new LogicalType[] {LogicalType.Textual, LogicalType.Boolean, LogicalType.Integer, LogicalType.Float}) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.String, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, type == LogicalType.Integer ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, type == LogicalType.Float ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, type == LogicalType.Boolean ? CoercionAction.TryConvert : CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, type == LogicalType.Textual ? CoercionAction.TryConvert : CoercionAction.Fail);
        }
        return mapper;
    }
}
