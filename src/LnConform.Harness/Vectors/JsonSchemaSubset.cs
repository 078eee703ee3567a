using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LnConform.Harness.Vectors;

/// <summary>
/// A validator for the part of JSON Schema 2020-12 that the vector schema uses (no package for it
/// restores here). A keyword outside that part is refused when the schema is loaded, so the schema
/// can never lean on a rule this validator would silently skip.
/// </summary>
public sealed class JsonSchemaSubset
{
    private static readonly HashSet<string> Annotations = ["$schema", "$id", "title", "description", "$comment", "examples", "default"];

    private static readonly HashSet<string> Supported =
    [
        "type", "properties", "required", "additionalProperties", "items", "minItems", "uniqueItems",
        "enum", "const", "pattern", "minLength", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref", "$defs", "minimum",
    ];

    private readonly JsonObject _root;
    private readonly Dictionary<string, Regex> _patterns = new(StringComparer.Ordinal);

    private JsonSchemaSubset(JsonObject root) => _root = root;

    /// <summary>Loads a schema; throws <see cref="NotSupportedException"/> for keywords outside the subset.</summary>
    public static JsonSchemaSubset Load(JsonObject schema)
    {
        CheckKeywords(schema, "#");
        return new JsonSchemaSubset(schema);
    }

    /// <summary>Every violation, each as "instance path: message".</summary>
    public IReadOnlyList<string> Validate(JsonNode? instance)
    {
        var errors = new List<string>();
        Check(_root, instance, "$", errors);
        return errors;
    }

    private static void CheckKeywords(JsonNode? schema, string where)
    {
        if (schema is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
            return;
        if (schema is not JsonObject obj)
            throw new NotSupportedException($"{where}: a schema is an object or a boolean");
        foreach (var (key, value) in obj)
        {
            if (Annotations.Contains(key))
                continue;
            if (!Supported.Contains(key))
                throw new NotSupportedException($"{where}: the keyword \"{key}\" is not supported by this validator");
            switch (key)
            {
                case "properties" or "$defs":
                    foreach (var (name, sub) in value!.AsObject())
                        CheckKeywords(sub, $"{where}/{key}/{name}");
                    break;
                case "additionalProperties" or "items" or "not" or "if" or "then" or "else":
                    CheckKeywords(value, $"{where}/{key}");
                    break;
                case "allOf" or "anyOf" or "oneOf":
                    var i = 0;
                    foreach (var sub in value!.AsArray())
                        CheckKeywords(sub, $"{where}/{key}/{i++}");
                    break;
            }
        }
    }

    private bool Matches(JsonNode schema, JsonNode? instance, string path)
    {
        var scratch = new List<string>();
        Check(schema, instance, path, scratch);
        return scratch.Count == 0;
    }

    private void Check(JsonNode schema, JsonNode? instance, string path, List<string> errors)
    {
        if (schema is JsonValue b)
        {
            if (b.GetValueKind() == JsonValueKind.False)
                errors.Add($"{path}: not allowed here");
            return;
        }
        var s = schema.AsObject();
        if (s["$ref"] is JsonValue refValue)
            Check(Resolve(refValue.GetValue<string>()), instance, path, errors);
        if (s["type"] is JsonValue type && !HasType(instance, type.GetValue<string>()))
        {
            errors.Add($"{path}: expected {type.GetValue<string>()}, found {Kind(instance)}");
            return;
        }
        if (s["const"] is { } constant && !JsonNode.DeepEquals(constant, instance))
            errors.Add($"{path}: must be {constant.ToJsonString()}");
        if (s["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, instance)))
            errors.Add($"{path}: must be one of {options.ToJsonString()}");
        if (instance is JsonValue str && str.GetValueKind() == JsonValueKind.String)
            CheckString(s, str.GetValue<string>(), path, errors);
        if (s["minimum"] is JsonValue minimum && instance is JsonValue num && num.GetValueKind() == JsonValueKind.Number
            && num.GetValue<decimal>() < minimum.GetValue<decimal>())
            errors.Add($"{path}: must be at least {minimum}");
        if (instance is JsonObject obj)
            CheckObject(s, obj, path, errors);
        if (instance is JsonArray array)
            CheckArray(s, array, path, errors);
        if (s["allOf"] is JsonArray all)
        {
            foreach (var sub in all)
                Check(sub!, instance, path, errors);
        }
        if (s["anyOf"] is JsonArray any && !any.Any(sub => Matches(sub!, instance, path)))
            errors.Add($"{path}: matches none of the anyOf alternatives");
        if (s["oneOf"] is JsonArray one && one.Count(sub => Matches(sub!, instance, path)) != 1)
            errors.Add($"{path}: must match exactly one of the oneOf alternatives");
        if (s["not"] is { } not && Matches(not, instance, path))
            errors.Add($"{path}: must not match {not.ToJsonString()}");
        if (s["if"] is { } condition)
        {
            if (Matches(condition, instance, path))
            {
                if (s["then"] is { } then)
                    Check(then, instance, path, errors);
            }
            else if (s["else"] is { } otherwise)
            {
                Check(otherwise, instance, path, errors);
            }
        }
    }

    private void CheckString(JsonObject s, string value, string path, List<string> errors)
    {
        if (s["minLength"] is JsonValue min && new StringInfo(value).LengthInTextElements < min.GetValue<int>())
            errors.Add($"{path}: shorter than {min.GetValue<int>()}");
        if (s["pattern"] is JsonValue pattern && !Pattern(pattern.GetValue<string>()).IsMatch(value))
            errors.Add($"{path}: \"{Cut(value)}\" does not match {pattern.GetValue<string>()}");
    }

    private void CheckObject(JsonObject s, JsonObject obj, string path, List<string> errors)
    {
        if (s["required"] is JsonArray required)
        {
            foreach (var name in required)
            {
                if (!obj.ContainsKey(name!.GetValue<string>()))
                    errors.Add($"{path}: \"{name}\" is required");
            }
        }
        var properties = s["properties"] as JsonObject;
        foreach (var (name, value) in obj)
        {
            var child = $"{path}.{name}";
            if (properties is not null && properties[name] is { } propertySchema)
                Check(propertySchema, value, child, errors);
            else if (s["additionalProperties"] is { } additional)
                Check(additional, value, child, errors);
        }
    }

    private void CheckArray(JsonObject s, JsonArray array, string path, List<string> errors)
    {
        if (s["minItems"] is JsonValue min && array.Count < min.GetValue<int>())
            errors.Add($"{path}: fewer than {min.GetValue<int>()} items");
        if (s["uniqueItems"] is JsonValue unique && unique.GetValueKind() == JsonValueKind.True)
        {
            for (var i = 0; i < array.Count; i++)
            {
                for (var j = i + 1; j < array.Count; j++)
                {
                    if (JsonNode.DeepEquals(array[i], array[j]))
                        errors.Add($"{path}[{j}]: repeats item {i}");
                }
            }
        }
        if (s["items"] is { } items)
        {
            for (var i = 0; i < array.Count; i++)
                Check(items, array[i], $"{path}[{i}]", errors);
        }
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
            throw new NotSupportedException($"only local references are supported: {reference}");
        JsonNode? node = _root;
        foreach (var part in reference[2..].Split('/'))
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        return node ?? throw new NotSupportedException($"unresolved reference {reference}");
    }

    private Regex Pattern(string pattern)
    {
        if (!_patterns.TryGetValue(pattern, out var regex))
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
            _patterns[pattern] = regex;
        }
        return regex;
    }

    private static bool HasType(JsonNode? node, string type) => type switch
    {
        "object" => node is JsonObject,
        "array" => node is JsonArray,
        "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
        "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
        "null" => node is null,
        "number" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
        "integer" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.IsInteger(v.GetValue<decimal>()),
        _ => throw new NotSupportedException($"type \"{type}\""),
    };

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };

    private static string Cut(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
