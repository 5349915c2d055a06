using Microsoft.Extensions.Localization;
using Arsip.Notifications;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Arsip.Pages;

/// <summary>The person's own notification choices: the e-mail address and immediately, a daily digest at a local hour, or off.</summary>
public sealed class ProfilModel(IDocumentStore store, IMessageBus bus, MailSettings mail, IStringLocalizer<Text> text) : PageModel
{
    public FormErrors Errors { get; private set; } = FormErrors.None;
    public string? Email { get; private set; }
    public NotificationDelivery Delivery { get; private set; } = NotificationDelivery.Off;
    public int DigestHour { get; private set; } = 7;
    public NotificationLanguage Language { get; private set; }
    public bool MailOff => !mail.Enabled;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await using var session = store.QuerySession(Caller.From(User).Agency);
        if (await session.LoadAsync<NotificationProfile>(Caller.From(User).PersonId, ct) is { } profile)
            (Email, Delivery, DigestHour, Language) = (profile.Email, profile.Delivery, profile.DigestHour, profile.Language);
    }

    public async Task<IActionResult> OnPostAsync(string? email, NotificationDelivery delivery, int? digestHour, NotificationLanguage language, CancellationToken ct)
    {
        (Email, Delivery, DigestHour, Language) = (email, delivery, digestHour ?? 7, language);
        var caller = Caller.From(User);
        var decision = await bus.InvokeForTenantAsync<Decision>(caller.Agency,
            new SetNotificationPreferencesCommand(caller, new NotificationPreferences(email, delivery, digestHour, language)), ct);
        if (decision.Refusal is { } problem)
        {
            Errors = FormErrors.From(problem);
            return Page();
        }
        TempData["Notice"] = text["Pengaturan pemberitahuan disimpan."].Value;
        return RedirectToPage();
    }
}
