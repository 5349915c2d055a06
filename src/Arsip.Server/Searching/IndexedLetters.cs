using Arsip.Correspondence;
using Arsip.Search;

namespace Arsip.Searching;

public static class IndexedLetters
{
    public static IndexedLetter From(string tenant, IncomingLetterView letter, IReadOnlyList<string> dispositionTexts, string? attachmentText = null) => new()
    {
        Id = letter.Id,
        Tenant = tenant,
        AccessTokens = letter.AccessTokens,
        Direction = LetterDirection.Incoming,
        NaskahKind = "Surat Masuk",
        AgendaNumber = $"{letter.AgendaNumber}/{letter.AgendaYear}",
        SenderLetterNumber = letter.SenderLetterNumber,
        Sender = letter.Sender,
        Subject = letter.Subject,
        Summary = letter.Remarks,
        Classification = letter.Classification,
        SecurityLevel = letter.SecurityLevel.ToString(),
        Urgency = letter.Urgency.ToString(),
        Status = letter.DispositionCount > 0 ? "Didisposisikan" : "Terdaftar",
        UnitIds = new[] { letter.RegisteredByUnitId, letter.AddresseeUnitId }.Concat(letter.CopyToUnitIds.Select(u => (Guid?)u))
            .Where(u => u is not null).Select(u => u!.Value.ToString()).Distinct().ToList(),
        PositionIds = letter.CopyToPositionIds.Prepend(letter.AddresseePositionId ?? Guid.Empty).Where(p => p != Guid.Empty).Select(p => p.ToString()).ToList(),
        LetterDate = letter.LetterDate,
        ReceivedDate = letter.ReceivedOn,
        Year = letter.AgendaYear,
        DispositionTexts = dispositionTexts,
        AttachmentText = attachmentText,
    };

    public static IndexedLetter From(string tenant, OutgoingLetterView letter, string? attachmentText = null) => new()
    {
        Id = letter.Id,
        Tenant = tenant,
        AccessTokens = letter.AccessTokens,
        Direction = LetterDirection.Outgoing,
        NaskahKind = letter.Content.Kind.ToString(),
        LetterNumber = letter.LetterNumber,
        Sender = letter.DraftedBy,
        Addressees = letter.Content.Addressees.Concat(letter.Content.CopyTo).Select(a => a.Name).ToList(),
        Subject = letter.Content.Subject,
        Body = letter.Content.Body,
        Classification = letter.Content.Classification,
        SecurityLevel = letter.Content.SecurityLevel.ToString(),
        Urgency = letter.Content.Urgency.ToString(),
        Status = letter.Status.ToString(),
        UnitIds = letter.DraftedByUnitId is { } unit ? [unit.ToString()] : [],
        LetterDate = letter.LetterDate ?? DateOnly.FromDateTime(letter.DraftedAt.UtcDateTime),
        ReceivedDate = DateOnly.FromDateTime(letter.DraftedAt.UtcDateTime),
        Year = letter.Year ?? letter.DraftedAt.Year,
        AttachmentText = attachmentText,
    };
}
