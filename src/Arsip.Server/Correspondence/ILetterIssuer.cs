
namespace Arsip.Correspondence;

/// <summary>Renders and stores a letter's PDF at signing; Documents implements it, so signing need not know how a PDF is made.</summary>
public interface ILetterIssuer
{
    Task<OutgoingLetterIssued> IssueAsync(IDocumentSession session, OutgoingLetter letter, OutgoingLetterSigned signed, CancellationToken ct);
}
