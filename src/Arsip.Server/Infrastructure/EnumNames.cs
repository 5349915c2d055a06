using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Arsip.Infrastructure;

/// <summary>JsonStringEnumConverter also takes numbers and comma lists, which bind to no member (99) or another ("Terbatas, Rahasia" is SangatRahasia); only one member's name binds here.</summary>
public sealed class EnumNames : JsonConverterFactory
{
    public static JsonSerializerOptions Options(JsonSerializerOptions options)
    {
        options.Converters.Add(new EnumNames());
        return options;
    }

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert))!;

    /// <summary>The OpenAPI side: an enum is a string that is one of its member names (the converter above hides that from the schema).</summary>
    public static Task DescribeAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (!underlying.IsEnum) return Task.CompletedTask;
        schema.Type = underlying == type ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
        schema.Enum = Enum.GetNames(underlying).Select(name => (JsonNode)JsonValue.Create(name)).ToList();
        return Task.CompletedTask;
    }

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String ? Named(reader.GetString()) : throw new JsonException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Named(reader.GetString());

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WritePropertyName(value.ToString());

        // No message of its own: the serializer's then names the field ("... Path: $.securityLevel").
        private static T Named(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var value) ? value : throw new JsonException();
    }
}
