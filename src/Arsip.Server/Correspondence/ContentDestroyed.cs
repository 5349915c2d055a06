using System.Text.Json;

namespace Arsip.Correspondence;

/// <summary>One earlier event of the stream reduced to what the tombstone keeps: the SHA-256 of its canonical data before and after
/// (<c>HashChain.Canonical</c>), its unchanged link, and the reduced data itself, which the database writes in place
/// (<c>arsip_reduce_events</c>, Infrastructure/DatabaseRoles.cs) when this event is inserted.</summary>
public sealed record ReducedEvent(long Version, string Type, string OriginalSha256, string ReducedSha256, string Link, JsonElement Data);

/// <summary>Pemusnahan on a letter's or a disposition's stream, under a disposal's approval: sealed in the chain like every
/// event, so the hashes it records cannot change unnoticed. One type per kind of stream: each stream's projections apply only their own.
/// <see cref="HandedOverTo"/>: set when the content went to the static archive and is no longer kept here
/// (Arsip:Records:KeepContentAfterHandover=false); <see cref="DisposalId"/> and <see cref="Reference"/> are then the handover's id and number.</summary>
public abstract record ContentDestroyed(
    Guid RecordId,
    Guid DisposalId,
    string Reference,
    Guid ByPersonId,
    string By,
    DateTimeOffset At,
    ReducedEvent[] Reduced,
    string[] DestroyedBlobs,
    string[] DestroyedIssuedPdfs,
    string? HandedOverTo = null)
{
    /// <summary>Marten's names for them in mt_events.type, which the database trigger (Infrastructure/DatabaseRoles.cs) and the verifier look for.</summary>
    public static readonly IReadOnlySet<string> EventTypeNames = new HashSet<string>(StringComparer.Ordinal)
        { "incoming_letter_content_destroyed", "outgoing_letter_content_destroyed", "disposition_content_destroyed" };
}

public sealed record IncomingLetterContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs,
    string? HandedOverTo = null)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs, HandedOverTo);

public sealed record OutgoingLetterContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs,
    string? HandedOverTo = null)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs, HandedOverTo);

/// <summary>On a disposition's stream (Dispositions applies it; it lives here so both letter and disposition streams share one shape).</summary>
public sealed record DispositionContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs,
    string? HandedOverTo = null)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs, HandedOverTo);

/// <summary>What a destroyed record still says about its destruction: under which disposal (or handover, with the archive it went to),
/// which berita acara, when, by whom.</summary>
public sealed record ContentTombstone(Guid DisposalId, string Reference, string By, DateTimeOffset At, string? HandedOverTo = null)
{
    public static ContentTombstone Of(ContentDestroyed e) => new(e.DisposalId, e.Reference, e.By, e.At, e.HandedOverTo);

    /// <summary>410 Gone for a download of destroyed content, naming the disposal (or the handover) and its berita acara.</summary>
    public Microsoft.AspNetCore.Mvc.ProblemDetails Gone(string what) => HandedOverTo is { } archive
        ? new()
        {
            Status = StatusCodes.Status410Gone,
            Title = "Sudah diserahkan ke lembaga kearsipan (gone: handed over to the static archive)",
            Detail = $"{what} sudah diserahkan kepada {archive} berdasarkan berita acara penyerahan {Reference}; isinya tidak disimpan lagi di sini (handed over under {Reference}; its content is no longer kept here).",
            Extensions = { ["handoverId"] = DisposalId, ["reference"] = Reference, ["handedOverTo"] = archive, ["destroyedAt"] = At },
        }
        : Problems.Destroyed(what, DisposalId, Reference, At);

    /// <summary>"Dimusnahkan berdasarkan BA-... pada 12 Desember 2026" or "Diserahkan kepada ... berdasarkan 3/PNY/2026 pada ..." (the date in the agency's zone is the caller's to give).</summary>
    public string Describe(DateOnly localDate) => HandedOverTo is { } archive
        ? $"Diserahkan kepada {archive} berdasarkan {Reference} pada {Arsip.Pdf.IndonesianDate.Format(localDate)}"
        : $"Dimusnahkan berdasarkan {Reference} pada {Arsip.Pdf.IndonesianDate.Format(localDate)}";
}

/// <summary>Blobs of destroyed records, written in the destruction's transaction and deleted after it commits (Searching's
/// DestroyedContentSweeper): files cannot be in a database transaction, and a crash before the deletion leaves this
/// document to finish it. A blob another record that is not destroyed still uses (same bytes, same SHA-256) is kept.</summary>
public sealed class PendingBlobDeletion
{
    public string Id { get; set; } = "";
    public string[] Sha256 { get; set; } = [];
    public DateTimeOffset At { get; set; }
}
