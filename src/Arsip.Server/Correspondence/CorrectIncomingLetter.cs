using System.Globalization;
using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.ReferenceData;

namespace Arsip.Correspondence;

public sealed record CorrectIncomingLetter(Dictionary<string, string?>? Changes, string? Reason);

public static class CorrectIncomingLetterEndpoint
{
    public sealed record Field(Func<IncomingLetterView, string?> Get, Func<string?, string?> Check, Action<IncomingLetterView, string?> Set);

    private static string? Required(string? v, int max) => string.IsNullOrWhiteSpace(v) ? "wajib diisi (required)" : v.Length > max ? $"paling banyak {max} karakter (at most {max})" : null;
    private static string? Date(string? v) =>
        !DateOnly.TryParseExact(v, "yyyy-MM-dd", out var date) ? "tanggal yyyy-MM-dd (a yyyy-MM-dd date)"
        : date < InputRules.EarliestDate ? $"tidak sebelum {InputRules.EarliestDate:yyyy-MM-dd} (not before {InputRules.EarliestDate:yyyy-MM-dd})"
        : null;
    // By name only: Enum.TryParse would take "99" or "Biasa, Rahasia" and store a level no rule knows.
    private static string? OneOf<TEnum>(string? v) where TEnum : struct, Enum => Enum.GetNames<TEnum>().Contains(v) ? null : $"salah satu dari (one of) {string.Join(", ", Enum.GetNames<TEnum>())}";
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static readonly IReadOnlyDictionary<string, Field> Fields = new Dictionary<string, Field>
    {
        ["sender"] = new(v => v.Sender, v => Required(v, 300), (v, x) => v.Sender = x!.Trim()),
        ["senderLetterNumber"] = new(v => v.SenderLetterNumber, v => Required(v, 100), (v, x) => v.SenderLetterNumber = x!.Trim()),
        ["letterDate"] = new(v => Iso(v.LetterDate), Date, (v, x) => v.LetterDate = DateOnly.ParseExact(x!, "yyyy-MM-dd")),
        ["subject"] = new(v => v.Subject, v => Required(v, 1000), (v, x) => v.Subject = x!.Trim()),
        ["classification"] = new(v => v.Classification, v => v is not null && ClassificationCode.IsWellFormed(v.Trim()) ? null : "kode bertitik, mis. 000.1.2 (dotted code)", (v, x) => v.Classification = x!.Trim()),
        ["securityLevel"] = new(v => v.SecurityLevel.ToString(), OneOf<SecurityLevel>, (v, x) => v.SecurityLevel = Enum.Parse<SecurityLevel>(x!)),
        ["urgency"] = new(v => v.Urgency.ToString(), OneOf<Urgency>, (v, x) => v.Urgency = Enum.Parse<Urgency>(x!)),
        ["attachments"] = new(v => v.Attachments, v => v?.Length > 300 ? "paling banyak 300 karakter (at most 300)" : null, (v, x) => v.Attachments = string.IsNullOrWhiteSpace(x) ? null : x.Trim()),
        ["remarks"] = new(v => v.Remarks, v => v?.Length > 2000 ? "paling banyak 2000 karakter (at most 2000)" : null, (v, x) => v.Remarks = string.IsNullOrWhiteSpace(x) ? null : x.Trim()),
    };

    [WolverinePut("/api/incoming-letters/{id}")]
    [Tags("Surat masuk")]
    [EndpointSummary("Correct registered metadata with a reason; the history keeps the values before and after")]
    [Authorize(Policy = Policies.Registrar)]
    public static async Task<IResult> Put(Guid id, CorrectIncomingLetter request, [NotBody] Caller caller, IMessageBus bus, CancellationToken ct) =>
        (await bus.InvokeForTenantAsync<Decision>(caller.Agency, new CorrectIncomingLetterCommand(id, caller, request), ct)).ToResult();
}

public sealed record CorrectIncomingLetterCommand(Guid LetterId, Caller Caller, CorrectIncomingLetter Body);

public sealed record CorrectionLookup(ProblemDetails? ClassificationRefusal, Guid? DuplicateOf);

public static class CorrectIncomingLetterHandler
{
    public static Decision Decide(CorrectIncomingLetterCommand command, IncomingLetterView? letter, bool visible, CorrectionLookup lookup, DateTimeOffset now)
    {
        var request = command.Body;
        if (string.IsNullOrWhiteSpace(request.Reason))
            return Decision.Refuse(Problems.BadRequest("reason", "Alasan koreksi wajib diisi (reason required)."));
        if (request.Changes is not { Count: > 0 })
            return Decision.Refuse(Problems.BadRequest("changes", "Tidak ada perubahan (no changes given)."));
        if (letter is null || !visible) return Decision.Refuse(Problems.NotFound("Surat masuk", command.LetterId));
        var (changes, errors) = Changes(letter, request.Changes);
        if (errors.Count > 0)
            return Decision.Refuse(new ValidationProblemDetails(errors) { Status = 400, Title = "Koreksi tidak valid (invalid correction)" });
        if (changes.Length == 0) return Decision.Accept();
        if (lookup.ClassificationRefusal is { } unknownCode) return Decision.Refuse(unknownCode);
        if (lookup.DuplicateOf is { } other) return Decision.Refuse(Problems.DuplicateLetter(other));
        return Decision.Accept(new IncomingLetterCorrected(command.LetterId, changes, request.Reason.Trim(), command.Caller.Name, now));
    }

    public static (FieldChange[] Changes, Dictionary<string, string[]> Errors) Changes(IncomingLetterView letter, IReadOnlyDictionary<string, string?> changes)
    {
        var errors = new Dictionary<string, string[]>();
        var result = new List<FieldChange>();
        foreach (var (name, value) in changes)
        {
            if (!CorrectIncomingLetterEndpoint.Fields.TryGetValue(name, out var field)) { errors[name] = ["Kolom ini tidak dapat dikoreksi (this field cannot be corrected)."]; continue; }
            if (field.Check(value) is { } problem) { errors[name] = [problem]; continue; }
            if (name == "letterDate" && DateOnly.ParseExact(value!, "yyyy-MM-dd") > letter.ReceivedOn)
            {
                errors[name] = ["Tanggal surat setelah tanggal terima (letter date after the received date)."];
                continue;
            }
            var before = field.Get(letter);
            var after = value?.Trim();
            if (after == "" ) after = null;
            if (before != after) result.Add(new FieldChange(name, before, after));
        }
        return (result.ToArray(), errors);
    }

    public static string FingerprintAfter(IncomingLetterView letter, IReadOnlyList<FieldChange> changes)
    {
        string Value(string field, string current) => changes.FirstOrDefault(c => c.Field == field) is { After: { } after } ? after : current;
        var date = changes.FirstOrDefault(c => c.Field == "letterDate") is { After: { } d } ? DateOnly.ParseExact(d, "yyyy-MM-dd") : letter.LetterDate;
        return IncomingLetterFingerprint.For(Value("sender", letter.Sender), Value("senderLetterNumber", letter.SenderLetterNumber), date);
    }

    public static async Task<Decision> Handle(CorrectIncomingLetterCommand command,
        [WriteAggregate(nameof(CorrectIncomingLetterCommand.LetterId), Required = false)] IEventStream<IncomingLetter> stream,
        IDocumentSession session, ArsipClock clock, CancellationToken ct)
    {
        var letter = stream.Aggregate is null ? null : await session.LoadAsync<IncomingLetterView>(command.LetterId, ct);
        var visible = letter is not null && LetterAccess.CanSee(command.Caller, letter.AccessTokens);
        var changes = visible && command.Body.Changes is { Count: > 0 } asked ? Changes(letter!, asked).Changes : [];
        var (before, after) = changes.Length > 0
            ? (IncomingLetterFingerprint.For(letter!.Sender, letter.SenderLetterNumber, letter.LetterDate), FingerprintAfter(letter, changes))
            : ("", "");
        var lookup = new CorrectionLookup(
            changes.FirstOrDefault(c => c.Field == "classification") is { After: { } code } ? await ClassificationInScheme.RefusalAsync(session, code, ct) : null,
            after != before && await session.LoadAsync<IncomingLetterFingerprint>(after, ct) is { } other && other.LetterId != command.LetterId ? other.LetterId : null);
        var decision = Decide(command, letter, visible, lookup, clock.GetUtcNow());
        if (decision.Events.Count > 0 && after != before)
        {
            session.Delete<IncomingLetterFingerprint>(before);
            session.Insert(new IncomingLetterFingerprint(after, command.LetterId));
        }
        stream.AppendMany(decision.Events);
        return decision;
    }
}
