
namespace Arsip.Correspondence;

/// <summary>What a stored file is to its letter: the scanned letter itself, or an attachment (lampiran).</summary>
public enum AttachmentKind { Scan, Attachment }

/// <summary>A file stored with a letter; the SHA-256 proves which bytes were registered.</summary>
public sealed record IncomingLetterAttachmentAdded(
    Guid LetterId,
    string Sha256,
    string FileName,
    string ContentType,
    long Length,
    AttachmentKind Kind,
    string AddedBy,
    DateTimeOffset AddedAt,
    Guid AddedByPersonId);

/// <summary>One file of a letter as the API shows it; download at <c>/api/incoming-letters/{id}/attachments/{sha256}</c>.</summary>
public sealed record LetterFile(string FileName, string Sha256, string ContentType, long Length, AttachmentKind Kind, DateTimeOffset AddedAt);

public sealed partial class IncomingLetterViewProjection
{
    public void Apply(IncomingLetterView view, IncomingLetterAttachmentAdded e)
    {
        if (view.Files.Any(f => f.Sha256 == e.Sha256)) return;
        view.Files.Add(new LetterFile(e.FileName, e.Sha256, e.ContentType, e.Length, e.Kind, e.AddedAt));
    }
}
