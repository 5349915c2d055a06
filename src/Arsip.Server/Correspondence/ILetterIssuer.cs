
namespace Arsip.Correspondence;

/// <summary>Renders and stores a letter's PDF at signing; Documents implements it, so signing need not know how a PDF is made.</summary>
public interface ILetterIssuer
{
    /// <summary>With an unlocked signer the PDF carries its certified signature (PAdES) and the visible block; without, the QR code only.</summary>
    Task<OutgoingLetterIssued> IssueAsync(IDocumentSession session, OutgoingLetter letter, OutgoingLetterSigned signed, Signing.IUnlockedSigner? signer, CancellationToken ct);

    /// <summary>The issued PDF's bytes; null when it was never issued or was destroyed.</summary>
    Task<byte[]?> IssuedPdfAsync(IQuerySession session, string sha256, CancellationToken ct);
}
