using Arsip.Notifications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

[Authorize(Policy = Policies.Administrator)]
public sealed class AdminSurelModel(IDocumentStore store, MailSettings mail) : PageModel
{
    public IReadOnlyList<MailDeliveryRow> Unsent { get; private set; } = [];
    public string Settings => mail.Describe();
    public bool MailOff => !mail.Enabled;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Unsent = await MailDeliveries.UnsentAsync(session, ct);
    }
}
