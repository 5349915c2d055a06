using Arsip.Access;
using Arsip.Infrastructure;
using Arsip.Organization;
using Arsip.ReferenceData;
using Marten;
using Microsoft.AspNetCore.Mvc;
using Wolverine.Http;

namespace Arsip.Correspondence;

public sealed record DraftOutgoingLetter(
    LetterKind? Kind, string? Classification, SecurityLevel? SecurityLevel, Urgency? Urgency, string? Subject, string? Body,
    string? Attachments, Addressee[]? Addressees, Addressee[]? CopyTo, Guid[]? Reviewers, Guid? SignatoryPositionId)
{
    public LetterContent Content => new(Kind!.Value, Classification!.Trim(), SecurityLevel!.Value, Urgency!.Value, Subject!.Trim(), Body!.Trim(),
        string.IsNullOrWhiteSpace(Attachments) ? null : Attachments.Trim(), Addressees!.Select(Trimmed).ToArray(), (CopyTo ?? []).Select(Trimmed).ToArray());

    private static Addressee Trimmed(Addressee a) => a with { Name = a.Name.Trim(), Agency = a.Agency?.Trim(), Address = a.Address?.Trim() };
}

public sealed record DraftOutgoingLetterResponse(Guid Id) : CreationResponse($"/api/outgoing-letters/{Id}");

public static class DraftOutgoingLetterEndpoint
{
    /// <summary>Checks a draft's content and that every position it names exists in this agency.</summary>
    public static async Task<ProblemDetails> ValidateAsync(DraftOutgoingLetter draft, IQuerySession session, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (draft.Kind is null) errors["kind"] = ["Jenis naskah wajib diisi (kind required)."];
        if (string.IsNullOrWhiteSpace(draft.Classification) || !ClassificationCode.IsWellFormed(draft.Classification.Trim()))
            errors["classification"] = ["Kode klasifikasi wajib, berupa angka bertitik (dotted classification code required)."];
        if (draft.SecurityLevel is null) errors["securityLevel"] = ["Sifat surat wajib diisi (security level required)."];
        if (draft.Urgency is null) errors["urgency"] = ["Derajat kecepatan wajib diisi (urgency required)."];
        if (string.IsNullOrWhiteSpace(draft.Subject) || draft.Subject.Length > 1000) errors["subject"] = ["Hal wajib diisi, paling banyak 1000 karakter (subject required)."];
        if (string.IsNullOrWhiteSpace(draft.Body) || draft.Body.Length > 200_000) errors["body"] = ["Isi surat wajib diisi (body required)."];
        if (draft.Addressees is not { Length: > 0 }) errors["addressees"] = ["Paling sedikit satu tujuan (at least one addressee)."];
        if ((draft.Addressees ?? []).Concat(draft.CopyTo ?? []).Any(a => string.IsNullOrWhiteSpace(a.Name)))
            errors["addressees"] = ["Setiap tujuan dan tembusan wajib bernama (every addressee needs a name)."];
        if ((draft.Addressees ?? []).Concat(draft.CopyTo ?? []).Any(a => a.Agency is not null && !AgencyId.IsWellFormed(a.Agency)))
            errors["addressees"] = ["Kode instansi tujuan tidak valid (malformed agency id)."];
        if (draft.SignatoryPositionId is null) errors["signatoryPositionId"] = ["Penandatangan wajib diisi (signatory required)."];
        if (draft.Reviewers is { } reviewers && reviewers.Distinct().Count() != reviewers.Length)
            errors["reviewers"] = ["Pemaraf tidak boleh berulang (reviewers must be distinct)."];
        if (errors.Count > 0)
            return new ValidationProblemDetails(errors) { Status = StatusCodes.Status400BadRequest, Title = "Draf surat keluar tidak valid (invalid draft)" };
        if (await ClassificationInScheme.RefusalAsync(session, draft.Classification!, ct) is { } unknownCode) return unknownCode;

        var named = (draft.Reviewers ?? []).Append(draft.SignatoryPositionId!.Value)
            .Concat(draft.Addressees!.Concat(draft.CopyTo ?? []).Where(a => a.Agency is null && a.PositionId is not null).Select(a => a.PositionId!.Value))
            .Distinct().ToArray();
        var found = await session.Query<Position>().Where(p => named.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var missing = named.Except(found).ToList();
        return missing.Count == 0
            ? WolverineContinue.NoProblems
            : Problems.BadRequest("positions", $"Jabatan tidak ada di instansi ini (positions not in this agency): {string.Join(", ", missing)}");
    }

    [WolverinePost("/api/outgoing-letters")]
    [Tags("Surat keluar")]
    [EndpointSummary("Draft an outgoing letter (surat keluar) with its reviewers in order and its signatory")]
    public static async Task<DraftOutgoingLetterResponse> Post(DraftOutgoingLetter draft, [NotBody] Caller caller, IDocumentSession session, ArsipClock clock)
    {
        var unit = caller.Units.Count > 0 ? await session.LoadAsync<Unit>(caller.Units[0]) : null;
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        session.Events.StartStream<OutgoingLetter>(id, new OutgoingLetterDrafted(
            id, draft.Content, draft.Reviewers ?? [], draft.SignatoryPositionId!.Value, caller.PersonId, caller.Name, unit?.Id, unit?.Code, now));
        return new DraftOutgoingLetterResponse(id);
    }
}

/// <summary>Agency ids are tenant ids: lower-case letters, digits and dashes.</summary>
public static class AgencyId
{
    public static bool IsWellFormed(string id) =>
        id.Length is > 0 and <= 50 && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
