using Arsip.Onboarding;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The new agency's setup checklist, as <c>GET /api/setup-checklist</c>.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AdminPersiapanModel(IDocumentStore store, IConfiguration configuration, ArsipClock clock) : PageModel
{
    public SetupChecklistView Checklist { get; private set; } = new(0, 0, []);

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        Checklist = await SetupChecklist.LoadAsync(session, configuration, (await AgencyTime.LoadAsync(session, ct)).Today(clock), ct);
    }
}
