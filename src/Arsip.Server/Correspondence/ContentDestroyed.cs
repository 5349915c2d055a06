using System.Text.Json;

namespace Arsip.Correspondence;

/// <summary>One earlier event of the stream reduced to what the tombstone keeps: the SHA-256 of its canonical data before and after
/// (<c>HashChain.Canonical</c>), its unchanged link, and the reduced data itself, which the database writes in place
/// (<c>arsip_reduce_events</c>, Infrastructure/DatabaseRoles.cs) when this event is inserted.</summary>
public sealed record ReducedEvent(long Version, string Type, string OriginalSha256, string ReducedSha256, string Link, JsonElement Data);

/// <summary>Pemusnahan on a letter's or a disposition's stream, under a disposal's approval: sealed in the chain like every
/// event, so the hashes it records cannot change unnoticed. One type per kind of stream: each stream's projections apply only their own.</summary>
public abstract record ContentDestroyed(
    Guid RecordId,
    Guid DisposalId,
    string Reference,
    Guid ByPersonId,
    string By,
    DateTimeOffset At,
    ReducedEvent[] Reduced,
    string[] DestroyedBlobs,
    string[] DestroyedIssuedPdfs)
{
    /// <summary>Marten's names for them in mt_events.type, which the database trigger (Infrastructure/DatabaseRoles.cs) and the verifier look for.</summary>
    public static readonly IReadOnlySet<string> EventTypeNames = new HashSet<string>(StringComparer.Ordinal)
        { "incoming_letter_content_destroyed", "outgoing_letter_content_destroyed", "disposition_content_destroyed" };
}

public sealed record IncomingLetterContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs);

public sealed record OutgoingLetterContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs);

/// <summary>On a disposition's stream (Dispositions applies it; it lives here so both letter and disposition streams share one shape).</summary>
public sealed record DispositionContentDestroyed(
    Guid RecordId, Guid DisposalId, string Reference, Guid ByPersonId, string By, DateTimeOffset At, ReducedEvent[] Reduced, string[] DestroyedBlobs, string[] DestroyedIssuedPdfs)
    : ContentDestroyed(RecordId, DisposalId, Reference, ByPersonId, By, At, Reduced, DestroyedBlobs, DestroyedIssuedPdfs);

/// <summary>What a destroyed record still says about its destruction: under which disposal, which berita acara, when, by whom.</summary>
public sealed record ContentTombstone(Guid DisposalId, string Reference, string By, DateTimeOffset At)
{
    public static ContentTombstone Of(ContentDestroyed e) => new(e.DisposalId, e.Reference, e.By, e.At);

    /// <summary>410 Gone for a download of destroyed content, naming the disposal and its berita acara.</summary>
    public Microsoft.AspNetCore.Mvc.ProblemDetails Gone(string what) => Problems.Destroyed(what, DisposalId, Reference, At);

    /// <summary>"Dimusnahkan berdasarkan BA-... pada 12 Desember 2026" (the date in the agency's zone is the caller's to give).</summary>
    public string Describe(DateOnly localDate) => $"Dimusnahkan berdasarkan {Reference} pada {Arsip.Pdf.IndonesianDate.Format(localDate)}";
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
