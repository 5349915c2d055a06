using System.Security.Claims;
using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Infrastructure;

namespace Arsip.ReferenceData;

public sealed record SetLetterNumberTemplate(string? Template, SequenceScope? SequenceScope = null);

public sealed record LetterNumberTemplateResponse(
    string Kind, string KindName, string Template, SequenceScope SequenceScope, string SequenceName, string Example, string SetBy, DateTimeOffset SetAt)
{
    public static LetterNumberTemplateResponse From(LetterNumberTemplateEntry entry, DateOnly today) =>
        new(entry.Kind, NaskahKinds.All.GetValueOrDefault(entry.Kind, entry.Kind), entry.Template, entry.SequenceScope,
            LetterNumberTemplate.SequenceName(entry.Kind, entry.SequenceScope, "{unitCode}"),
            ExampleNumber(LetterNumberTemplate.Parse(entry.Template).Template!, today), entry.SetBy, entry.SetAt);

    public static string ExampleNumber(LetterNumberTemplate template, DateOnly today) =>
        template.Format(new LetterNumberParts("800.1.11.1", 123, "Setda", today, SecurityLevel.Biasa));
}

public sealed record SetLetterNumberTemplateCommand(string Kind, SetLetterNumberTemplate Body, string SetBy)
{
    public Guid StreamId => ReferenceDataStreams.LetterNumberTemplatesStream;
}

public static class SetLetterNumberTemplateHandler
{
    public static IReadOnlyList<string> Check(SetLetterNumberTemplate command)
    {
        var parsed = LetterNumberTemplate.Parse(command.Template);
        if (parsed.Template is null) return parsed.Errors;
        return command.SequenceScope == SequenceScope.Unit && !parsed.Template.Uses(LetterNumberTemplate.Unit)
            ? ["Urutan per unit memerlukan {unit} di templat, agar nomor antarunit tidak kembar (a per-unit sequence needs {unit} in the template)."]
            : [];
    }

    public static Decision Decide(SetLetterNumberTemplateCommand command, LetterNumberTemplatesView? current, DateTimeOffset now)
    {
        var (kind, body) = (command.Kind, command.Body);
        if (body is null) return Decision.Refuse(Problems.BadRequest("body", "Isi permintaan kosong (empty request body)."));
        if (!NaskahKinds.All.ContainsKey(kind))
            return Decision.Refuse(Problems.BadRequest("kind", $"Jenis naskah '{kind}' tidak dikenal; pilih {string.Join(", ", NaskahKinds.All.Keys)} (unknown kind of letter)."));
        if (Check(body) is { Count: > 0 } errors)
            return Decision.Refuse(new ValidationProblemDetails(new Dictionary<string, string[]> { ["template"] = [.. errors] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Templat nomor surat tidak valid (invalid letter number template)",
            });
        var template = body.Template!.Trim();
        var scope = body.SequenceScope ?? SequenceScope.Agency;
        return current?.Templates.GetValueOrDefault(kind) is { } existing && existing.Template == template && existing.SequenceScope == scope
            ? Decision.Accept()
            : Decision.Accept(new LetterNumberTemplateSet(kind, template, scope, command.SetBy, now));
    }

    public static Outcome<LetterNumberTemplateResponse> Handle(SetLetterNumberTemplateCommand command,
        [WriteAggregate(nameof(SetLetterNumberTemplateCommand.StreamId), Required = false)] IEventStream<LetterNumberTemplatesView> stream, ArsipClock clock)
    {
        var decision = Decide(command, stream.Aggregate, clock.GetUtcNow()).AppendTo(stream);
        var entry = decision.Events is [LetterNumberTemplateSet set]
            ? new LetterNumberTemplateEntry(set.Kind, set.Template, set.SequenceScope, set.SetBy, set.SetAt)
            : stream.Aggregate?.Templates.GetValueOrDefault(command.Kind);
        return new(decision, entry is null ? null : LetterNumberTemplateResponse.From(entry, clock.Today));
    }

    [WolverinePut("/api/letter-number-templates/{kind}")]
    [Tags("Data referensi")]
    [EndpointSummary("Set the agency's letter number template for a kind of letter (e.g. surat-dinas)")]
    [Authorize(Policy = Policies.Administrator)]
    [ProducesResponseType<LetterNumberTemplateResponse>(StatusCodes.Status200OK)]
    public static async Task<IResult> Put(string kind, SetLetterNumberTemplate body, [NotBody] Caller caller, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct)
    {
        var command = new SetLetterNumberTemplateCommand(kind, body, user.Identity?.Name ?? "sistem");
        var outcome = await bus.InvokeForTenantAsync<Outcome<LetterNumberTemplateResponse>>(caller.Agency, command, ct);
        return outcome.Decision.ToResult(() => Results.Ok(outcome.Value));
    }
}
