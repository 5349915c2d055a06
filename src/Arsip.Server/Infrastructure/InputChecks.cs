using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Wolverine.Http.CodeGen;

namespace Arsip.Infrastructure;

/// <summary>Null bodies or items, out-of-range dates, NUL characters (PostgreSQL cannot store them), overlong text and unknown enum values are 400 here, so no endpoint meets them as a 500.</summary>
public sealed class InputChecks : IHttpPolicy
{
    public void Apply(IReadOnlyList<HttpChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains.Where(c => c.HasRequestType))
        {
            var method = typeof(InputChecks).GetMethod(nameof(Check))!.MakeGenericMethod(chain.RequestType!);
            var call = new MethodCall(typeof(InputChecks), method) { CommentText = "Refuse null bodies and list elements, dates out of bounds, NUL characters, overlong text, undefined enum values" };
            chain.Middleware.InsertRange(0, [call, new MaybeEndWithResultFrame(call.ReturnVariable!)]);
        }
    }

    public static IResult Check<T>(T body, ArsipClock clock) =>
        Find(body, clock.Today, clock.LocalTimeZone) is { } problem ? Results.Problem(problem) : WolverineContinue.Result();

    public static ProblemDetails? Find(object? body, DateOnly today, TimeZoneInfo zone)
    {
        if (body is null)
            return Problems.BadRequest("body", "Isi permintaan harus berupa objek JSON, bukan null (the body must be a JSON object, not null).");
        var errors = new Dictionary<string, string[]>();
        Walk(body, "", new Bounds(today, zone), errors, 0);
        return errors.Count == 0 ? null : new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "Permintaan tidak valid (invalid request)",
        };
    }

    private const int MaxDepth = 8, MaxErrors = 20;

    private sealed record Bounds(DateOnly Today, TimeZoneInfo Zone)
    {
        /// <summary>At the ends of the calendar, where the zone cannot be applied, its UTC day.</summary>
        public DateOnly LocalDate(DateTimeOffset instant) =>
            DateOnly.FromDateTime(instant.UtcDateTime.Year is > 1 and < 9999 ? TimeZoneInfo.ConvertTimeFromUtc(instant.UtcDateTime, Zone) : instant.UtcDateTime);
    }
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesOf = new();

    private static void Walk(object value, string path, Bounds bounds, Dictionary<string, string[]> errors, int depth)
    {
        if (depth > MaxDepth || errors.Count >= MaxErrors) return;
        var field = path.Length == 0 ? "body" : path;
        switch (value)
        {
            case string text:
                if (text.Contains('\0')) errors[field] = ["Teks tidak boleh memuat karakter NUL (text must not contain NUL characters)."];
                else if (text.Length > InputRules.MaxTextLength)
                    errors[field] = [$"Teks paling panjang {InputRules.MaxTextLength:N0} karakter (text is at most {InputRules.MaxTextLength:N0} characters)."];
                return;
            case Guid or bool or JsonElement or IFormFile: return;
            case Enum member:
                if (!Enum.IsDefined(member.GetType(), member))
                    errors[field] = [$"Nilai tidak dikenal; salah satu dari (unknown value; one of): {string.Join(", ", Enum.GetNames(member.GetType()))}."];
                return;
            case DateOnly date:
                if (InputRules.CheckDate(field, date, bounds.Today) is { } dateProblem) errors[field] = [dateProblem];
                return;
            case DateTimeOffset instant:
                if (InputRules.CheckDate(field, bounds.LocalDate(instant), bounds.Today) is { } instantProblem) errors[field] = [instantProblem];
                return;
            case DateTime dateTime:
                if (InputRules.CheckDate(field, DateOnly.FromDateTime(dateTime), bounds.Today) is { } dateTimeProblem) errors[field] = [dateTimeProblem];
                return;
            case IDictionary: return; // a null value there means something (a correction clears a field)
            case Array array when array.GetType().GetElementType()!.IsPrimitive: return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = $"{field}[{index++}]";
                    if (item is null) errors[itemPath] = ["Elemen daftar tidak boleh null (a list element must not be null)."];
                    else Walk(item, itemPath, bounds, errors, depth + 1);
                    if (errors.Count >= MaxErrors) return;
                }
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.Namespace?.StartsWith("System", StringComparison.Ordinal) != false) return;
        foreach (var property in PropertiesOf.GetOrAdd(type, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.SetMethod is not null && p.GetIndexParameters().Length == 0).ToArray())) // bound ones, not computed
        {
            if (property.GetValue(value) is not { } child) continue;
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            Walk(child, path.Length == 0 ? name : $"{path}.{name}", bounds, errors, depth + 1);
        }
    }
}
