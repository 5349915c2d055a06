using Arsip.Access;
using Arsip.Documents;
using Arsip.Organization;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Administrator)]
public sealed class AdminIndexModel(IDocumentStore store, IConfiguration configuration) : PageModel
{
    public int Units { get; private set; }
    public int Positions { get; private set; }
    public int People { get; private set; }
    public int? SchemeVersion { get; private set; }
    public int Templates { get; private set; }
    public int Letterheads { get; private set; }
    public int UnsentMail { get; private set; }
    public int WaitingEnvelopes { get; private set; }
    /// <summary>Null when <c>Arsip:PublicBaseUrl</c> is set; else the address QR codes would carry now.</summary>
    public string? UnsetPublicAddress { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Units = await session.Query<Unit>().CountAsync(ct);
        Positions = await session.Query<Position>().CountAsync(ct);
        People = await session.Query<Person>().CountAsync(ct);
        SchemeVersion = (await session.LoadAsync<ClassificationSchemeView>(ReferenceDataStreams.ClassificationSchemeStream, ct))?.Version;
        Templates = (await session.LoadAsync<LetterNumberTemplatesView>(ReferenceDataStreams.LetterNumberTemplatesStream, ct))?.Templates.Count ?? 0;
        Letterheads = await session.Query<LetterheadView>().CountAsync(ct);
        UnsentMail = await session.Query<Notifications.MailDelivery>().CountAsync(m => m.Status != Notifications.MailStatus.Sent, ct);
        WaitingEnvelopes = await session.Query<Exchange.EnvelopeState>().CountAsync(e => e.Status == Exchange.EnvelopeStatus.Queued || e.Status == Exchange.EnvelopeStatus.Retrying, ct);
        UnsetPublicAddress = DocumentLinks.IsConfigured(configuration) ? null : $"{Request.Scheme}://{Request.Host}";
    }
}
