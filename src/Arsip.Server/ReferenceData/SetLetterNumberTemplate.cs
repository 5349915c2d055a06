using Arsip.Access;
using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.ReferenceData;

public sealed record SetLetterNumberTemplate(string? Template, SequenceScope? SequenceScope = null);

public sealed record LetterNumberTemplateResponse(
    string Kind, string KindName, string Template, SequenceScope SequenceScope, string SequenceName, string Example, string SetBy, DateTimeOffset SetAt)
{
    public static LetterNumberTemplateResponse From(LetterNumberTemplateEntry entry, DateOnly today) =>
        new(entry.Kind, NaskahKinds.All.GetValueOrDefault(entry.Kind, entry.Kind), entry.Template, entry.SequenceScope,
            LetterNumberTemplate.SequenceName(entry.Kind, entry.SequenceScope, "{unitCode}"),
            SetLetterNumberTemplateEndpoint.Example(LetterNumberTemplate.Parse(entry.Template).Template!, today), entry.SetBy, entry.SetAt);
}

[Authorize(Policy = Policies.Administrator)]
public static class SetLetterNumberTemplateEndpoint
{
    public static ProblemDetails Validate(string kind, SetLetterNumberTemplate command)
    {
        if (command is null) return Problems.BadRequest("body", "Isi permintaan kosong (empty request body).");
        if (!NaskahKinds.All.ContainsKey(kind))
            return Problems.BadRequest("kind", $"Jenis naskah '{kind}' tidak dikenal; pilih {string.Join(", ", NaskahKinds.All.Keys)} (unknown kind of letter).");
        var errors = Check(command);
        return errors.Count == 0
            ? WolverineContinue.NoProblems
            : new ValidationProblemDetails(new Dictionary<string, string[]> { ["template"] = [.. errors] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Templat nomor surat tidak valid (invalid letter number template)",
            };
    }

    public static IReadOnlyList<string> Check(SetLetterNumberTemplate command)
    {
        var parsed = LetterNumberTemplate.Parse(command.Template);
        if (parsed.Template is null) return parsed.Errors;
        return command.SequenceScope == SequenceScope.Unit && !parsed.Template.Uses(LetterNumberTemplate.Unit)
            ? ["Urutan per unit memerlukan {unit} di templat, agar nomor antarunit tidak kembar (a per-unit sequence needs {unit} in the template)."]
            : [];
    }

    [WolverinePut("/api/letter-number-templates/{kind}")]
    [Tags("Data referensi")]
    [EndpointSummary("Set the agency's letter number template for a kind of letter (e.g. surat-dinas)")]
    public static async Task<LetterNumberTemplateResponse> Put(
        string kind, SetLetterNumberTemplate command, IDocumentSession session, ArsipClock clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var current = await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct);
        var now = clock.GetUtcNow();
        var set = Decide(current, kind, command, user.Identity?.Name ?? "sistem", now);
        if (set is not null)
        {
            if (current is null) session.Events.StartStream<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, set);
            else session.Events.Append(ReferenceDataStreams.LetterNumberTemplatesStream, current.Version + 1, set);
        }
        var entry = set is null
            ? current!.Templates[kind]
            : new LetterNumberTemplateEntry(set.Kind, set.Template, set.SequenceScope, set.SetBy, set.SetAt);
        return LetterNumberTemplateResponse.From(entry, clock.Today);
    }

    /// <summary>The decision: a new event, or none when the kind already has this template and scope.</summary>
    public static LetterNumberTemplateSet? Decide(
        LetterNumberTemplatesView? current, string kind, SetLetterNumberTemplate command, string setBy, DateTimeOffset now)
    {
        var template = command.Template!.Trim();
        var scope = command.SequenceScope ?? SequenceScope.Agency;
        return current?.Templates.GetValueOrDefault(kind) is { } existing && existing.Template == template && existing.SequenceScope == scope
            ? null
            : new LetterNumberTemplateSet(kind, template, scope, setBy, now);
    }

    public static string Example(LetterNumberTemplate template, DateOnly today) =>
        template.Format(new LetterNumberParts("800.1.11.1", 123, "Setda", today, SecurityLevel.Biasa));
}
