using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arsip.Correspondence;
using Arsip.Dispositions;
using Arsip.IntegrationTests.Dispositions;
using Arsip.IntegrationTests.Infrastructure;
using Arsip.Notifications;
using Arsip.Organization;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Wolverine;
using Wolverine.Persistence.Durability;

namespace Arsip.IntegrationTests.Notifications;

/// <summary>Mail for what needs a person's attention, through a real SMTP server on loopback (netDumbster).</summary>
public class NotificationTests(NotificationsApp app) : DispositionTest(app), IClassFixture<NotificationsApp>
{
    private NotificationsApp Mail => (NotificationsApp)App;

    private static string Address(string user, string agency = "kota-bekasi") => $"{user.Replace('.', '-')}@{agency}.go.id";

    private async Task SubscribeAsync(string user, string delivery = "Immediately", string language = "Indonesian", int? hour = null, string agency = "kota-bekasi")
    {
        var response = await (agency == "kota-bekasi" ? await As(user) : await As(user, agency))
            .PutAsJsonAsync("/api/me/notifications", new { email = Address(user, agency), delivery, language, digestHour = hour });
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
    }

    private static bool To(MimeMessage m, string address) => m.To.Mailboxes.Any(b => b.Address == address);

    private async Task<MimeMessage> OneMailAsync(string user, Func<MimeMessage, bool> match, string agency = "kota-bekasi")
    {
        var found = await Mail.WaitForMailAsync(m => To(m, Address(user, agency)) && match(m));
        found.Count.ShouldBe(1, $"mails to {user}: {string.Join(" | ", Mail.Received.Where(m => To(m, Address(user, agency))).Select(m => m.Subject))}");
        return found[0];
    }

    private static string Everything(MimeMessage m) => $"{m.Subject}\n{m.TextBody!}\n{m.HtmlBody!}";

    [Fact]
    public async Task A_disposition_received_mails_the_recipient_in_their_language_with_a_link_and_no_mail_without_a_choice()
    {
        await SubscribeAsync("kabag.hukum");
        await SubscribeAsync("kabag.umum", language: "English");
        var letter = await LetterToAsync("sekda", subject: "Penyusunan rancangan peraturan wali kota");
        var slip = await DisposeAsync("sekda", letter, ["kabag.hukum", "kabag.umum", "kabag.or"], lead: "kabag.hukum", deadline: Now.AddDays(3));

        var mail = await OneMailAsync("kabag.hukum", m => m.TextBody!.Contains(slip.ToString()));
        mail.Subject!.ShouldBe("[Arsip] Disposisi baru: Penyusunan rancangan peraturan wali kota");
        mail.From.Mailboxes.Single().Address.ShouldBe("arsip@bekasikota.go.id");
        mail.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/disposisi/{slip}");
        mail.TextBody!.ShouldContain("Reny Hendrawaty");
        mail.TextBody!.ShouldContain("WIB"); // the deadline in the agency's time
        mail.HtmlBody!.ShouldContain($"href=\"{NotificationsApp.PublicBaseUrl}/disposisi/{slip}\"");

        var english = await OneMailAsync("kabag.umum", m => m.TextBody!.Contains(slip.ToString()));
        english.Subject!.ShouldBe("[Arsip] New disposition: Penyusunan rancangan peraturan wali kota");
        english.TextBody!.ShouldContain("Open in Arsip");
        // kabag.or chose nothing: no mail
        Mail.Received.ShouldNotContain(m => m.To.Mailboxes.Any(b => b.Address.StartsWith("kabag-or")));
    }

    [Fact]
    public async Task The_daily_records_check_mails_the_archivists_what_came_due_with_a_link_to_the_due_list()
    {
        await SubscribeAsync("arsiparis");
        await SubscribeAsync("kabag.hukum"); // not an archivist
        // a berkas whose active period ends tomorrow (agency-local); the check two days on finds it come due
        var today = DateOnly.FromDateTime(App.Clock.GetLocalNow().DateTime);
        Guid umum;
        await using (var query = App.Store.QuerySession("kota-bekasi")) umum = (await Marten.QueryableExtensions.FirstAsync(query.Query<Unit>(), u => u.Code == "Umum")).Id;
        await Records.RecordsSeed.CaseFileAsync(App, umum, "800.1", [], closedOn: today.AddDays(1).AddYears(-2));
        App.Clock.Advance(TimeSpan.FromDays(2));
        await using (var scope = App.Services.CreateAsyncScope())
            (await Arsip.Records.RecordsDueReminder.CheckAsync(App.Store, "kota-bekasi", App.Services.GetRequiredService<ArsipClock>(),
                App.Services.GetRequiredService<Arsip.Records.RecordsSettings>(), scope.ServiceProvider.GetRequiredService<IMessageBus>(), default)).ShouldBeTrue();

        var day = today.AddDays(2).ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var mail = await OneMailAsync("arsiparis", m => m.Subject!.Contains($"jatuh tempo {day}"));
        mail.Subject!.ShouldStartWith($"[Arsip] Arsip jatuh tempo {day}: ");
        mail.Subject!.ShouldContain("berkas menjadi inaktif");
        mail.TextBody!.ShouldContain("dapat dipindahkan ke unit kearsipan");
        mail.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/arsip/jatuh-tempo");
        Mail.Received.ShouldNotContain(m => To(m, Address("kabag.hukum")) && m.Subject!.Contains("jatuh tempo"));
    }

    [Fact]
    public async Task A_secret_letter_says_only_that_a_letter_waits()
    {
        await SubscribeAsync("kabag.or");
        const string secret = "Hasil pemeriksaan khusus pejabat pengadaan";
        var letter = await LetterToAsync("sekda", securityLevel: "Rahasia", subject: secret);
        var slip = await DisposeAsync("sekda", letter, ["kabag.or"], deadline: Now.AddDays(2));

        var mail = await OneMailAsync("kabag.or", m => m.TextBody!.Contains(slip.ToString()));
        mail.Subject!.ShouldBe("[Arsip] Ada surat untuk Anda");
        mail.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/disposisi/{slip}");
        Everything(mail).ShouldNotContain("pemeriksaan", Case.Insensitive);
        Everything(mail).ShouldNotContain("Reny Hendrawaty");
        Everything(mail).ShouldNotContain("agenda");
    }

    [Fact]
    public async Task The_reminder_mails_the_recipient_and_the_escalation_mails_the_issuer_too()
    {
        await SubscribeAsync("kabag.hukum");
        await SubscribeAsync("sekda");
        var letter = await LetterToAsync("sekda", subject: "Evaluasi produk hukum daerah");
        var slip = await DisposeAsync("sekda", letter, ["kabag.hukum"], deadline: Now.AddHours(6));
        await OneMailAsync("kabag.hukum", m => m.Subject!.Contains("Disposisi baru") && m.TextBody!.Contains(slip.ToString()));

        App.Clock.Advance(TimeSpan.FromHours(3));
        await InvokeAsync(new RemindDispositionRecipients("kota-bekasi", slip));
        var reminder = await OneMailAsync("kabag.hukum", m => m.Subject!.Contains("mendekat") && m.TextBody!.Contains(slip.ToString()));
        reminder.Subject!.ShouldBe("[Arsip] Batas waktu disposisi mendekat: Evaluasi produk hukum daerah");

        App.Clock.Advance(TimeSpan.FromHours(4));
        await InvokeAsync(new EscalateOverdueDisposition("kota-bekasi", slip));
        foreach (var user in new[] { "sekda", "kabag.hukum" })
            (await OneMailAsync(user, m => m.Subject!.Contains("terlewati") && m.TextBody!.Contains(slip.ToString())))
                .Subject!.ShouldBe("[Arsip] Batas waktu disposisi terlewati: Evaluasi produk hukum daerah");
    }

    [Fact]
    public async Task A_draft_waiting_for_initials_then_signature_and_a_returned_draft_mail_the_right_person()
    {
        await SubscribeAsync("kabag.or");
        await SubscribeAsync("sekda");
        await SubscribeAsync("analis");
        var chart = await ChartAsync();
        Guid Position(string title) => chart.Positions.Single(p => p.Title == title).Id;
        const string subject = "Undangan rapat penataan kearsipan unit kerja";
        object Draft() => new
        {
            kind = "SuratDinas", classification = "000.5", securityLevel = "Biasa", urgency = "Segera", subject,
            body = "Dengan hormat, kami mengundang Saudara untuk hadir pada rapat penataan kearsipan.",
            addressees = new[] { new { name = "Kepala Dinas Kesehatan", positionId = Position("Kepala Dinas Kesehatan") } },
            copyTo = Array.Empty<object>(), reviewers = new[] { Position("Kepala Bagian Organisasi") },
            signatoryPositionId = Position("Sekretaris Daerah"),
        };
        async Task<Guid> SubmittedAsync()
        {
            var created = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", Draft());
            created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            var draft = (await ReadAsync<DraftOutgoingLetterResponse>(created)).Id;
            (await PostAsync("analis", $"/api/outgoing-letters/{draft}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            return draft;
        }
        var id = await SubmittedAsync();
        var paraf = await OneMailAsync("kabag.or", m => m.TextBody!.Contains(id.ToString()));
        paraf.Subject!.ShouldBe($"[Arsip] Konsep menunggu paraf Anda: {subject}");
        paraf.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/surat-keluar/{id}");
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{id}/initial", new { comment = "Setuju" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await OneMailAsync("sekda", m => m.TextBody!.Contains(id.ToString()))).Subject!.ShouldBe($"[Arsip] Konsep menunggu tanda tangan Anda: {subject}");

        var returned = await SubmittedAsync();
        await OneMailAsync("kabag.or", m => m.TextBody!.Contains(returned.ToString()));
        (await PostAsync("kabag.or", $"/api/outgoing-letters/{returned}/return", new { comments = "Perbaiki tanggal rapat" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var back = await OneMailAsync("analis", m => m.TextBody!.Contains(returned.ToString()));
        back.Subject!.ShouldBe($"[Arsip] Konsep dikembalikan: {subject}");
        back.TextBody!.ShouldContain("Dewi Kartika");
        Mail.Received.Count(m => To(m, Address("kabag.or")) && m.TextBody!.Contains(id.ToString())).ShouldBe(1); // asked once
    }

    [Fact]
    public async Task A_letter_delivered_from_another_agency_mails_its_addressee_there()
    {
        await SubscribeAsync("kabag.hukum", agency: "kota-tangerang");
        var chart = await ChartAsync();
        const string subject = "Permohonan data produk hukum daerah 2026";
        var created = await (await As("analis")).PostAsJsonAsync("/api/outgoing-letters", new
        {
            kind = "SuratDinas", classification = "100.3", securityLevel = "Biasa", urgency = "Biasa", subject,
            body = "Dengan hormat, kami mohon data produk hukum daerah tahun 2026.",
            addressees = new[] { new { name = "Kepala Bagian Hukum", agency = "kota-tangerang" } },
            reviewers = Array.Empty<Guid>(), signatoryPositionId = chart.Positions.Single(p => p.Title == "Sekretaris Daerah").Id,
        });
        var id = (await ReadAsync<DraftOutgoingLetterResponse>(created)).Id;
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/submit")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync("sekda", $"/api/outgoing-letters/{id}/sign")).EnsureSuccessStatusCode();
        (await PostAsync("analis", $"/api/outgoing-letters/{id}/dispatch")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var mail = await OneMailAsync("kabag.hukum", m => m.Subject!.Contains(subject), agency: "kota-tangerang");
        mail.Subject.ShouldStartWith("[Arsip] Surat masuk dari ");
        mail.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/surat-masuk/");
    }

    [Fact]
    public async Task The_daily_digest_goes_at_the_chosen_hour_in_the_agency_zone_with_every_item_once()
    {
        // WIT (UTC+9): 07:00 there is 22:00 UTC the day before; an hour read in WIB or UTC would schedule it elsewhere
        (await (await As("admin")).PutAsJsonAsync("/api/calendar", new { timeZone = "Asia/Jayapura" })).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NoContent);
        try
        {
            await SubscribeAsync("kasubbag.tu", delivery: "DailyDigest", hour: 7);
            var first = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Pendataan arsip vital"), ["kasubbag.tu"], deadline: Now.AddDays(5));
            var second = await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Pemeliharaan arsip statis"), ["kasubbag.tu"], deadline: Now.AddDays(5));

            // the next 07:00 on the WIT clock (other tests move the shared clock, so the day is computed, not fixed)
            var now = Now;
            var wit = now.ToOffset(TimeSpan.FromHours(9));
            var expected = new DateTimeOffset(wit.Year, wit.Month, wit.Day, 7, 0, 0, TimeSpan.FromHours(9));
            if (expected <= now) expected = expected.AddDays(1);
            SendDigest? scheduled = null;
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && (scheduled = await ScheduledDigestAsync()) is null) await Task.Delay(100);
            scheduled.ShouldNotBeNull();
            scheduled.DueAt.ShouldBe(expected);
            await Task.Delay(500);
            Mail.Received.ShouldNotContain(m => To(m, Address("kasubbag.tu"))); // nothing immediately

            App.Clock.Advance(expected - now);
            await InvokeForAgencyAsync(scheduled);
            var digest = await OneMailAsync("kasubbag.tu", m => m.Subject!.Contains("Ringkasan harian"));
            digest.Subject!.ShouldBe($"[Arsip] Ringkasan harian {expected:dd-MM-yyyy}: 2 pemberitahuan");
            digest.TextBody!.ShouldContain("Pendataan arsip vital");
            digest.TextBody!.ShouldContain("Pemeliharaan arsip statis");
            digest.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/disposisi/{first}");
            digest.TextBody!.ShouldContain($"{NotificationsApp.PublicBaseUrl}/disposisi/{second}");
            digest.TextBody!.ShouldContain("WIT");

            await InvokeForAgencyAsync(scheduled); // again (a redelivery): nothing left to send
            await Task.Delay(500);
            Mail.Received.Count(m => To(m, Address("kasubbag.tu"))).ShouldBe(1);
        }
        finally
        {
            await (await As("admin")).PutAsJsonAsync("/api/calendar", new { timeZone = "Asia/Jakarta" });
        }
    }

    /// <summary>As Wolverine delivers the scheduled message: for its agency.</summary>
    private async Task InvokeForAgencyAsync(object message)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeForTenantAsync("kota-bekasi", message);
    }

    private async Task<SendDigest?> ScheduledDigestAsync()
    {
        var incoming = await App.Services.GetRequiredService<IMessageStore>().Admin.AllIncomingAsync();
        var envelope = incoming.FirstOrDefault(e => e.Status == EnvelopeStatus.Scheduled && e.MessageType == typeof(SendDigest).FullName && e.Data is not null);
        return envelope is null ? null : System.Text.Json.JsonSerializer.Deserialize<SendDigest>(envelope.Data!, ArsipApp.Json);
    }

    [Fact]
    public async Task An_smtp_outage_delays_the_mail_the_administrator_sees_why_and_it_goes_once_when_the_server_is_back()
    {
        await SubscribeAsync("inspektur");
        Mail.StopSmtp();
        Guid slip;
        try
        {
            slip = await DisposeAsync("walikota", await LetterToAsync("walikota", subject: "Laporan hasil pengawasan"), ["inspektur"], deadline: Now.AddDays(3));
            var admin = await As("admin");
            MailDeliveryRow? waiting = null;
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && waiting is not { Attempts: >= 2 })
            {
                waiting = (await admin.GetFromJsonAsync<MailDeliveryRow[]>("/api/notifications/unsent-mail", ArsipApp.Json))!
                    .SingleOrDefault(m => m.To == Address("inspektur"));
                await Task.Delay(200);
            }
            waiting.ShouldNotBeNull();
            waiting.Status.ShouldBe(MailStatus.Waiting);
            waiting.Attempts.ShouldBeGreaterThanOrEqualTo(2); // tried again, not dropped
            waiting.LastError.ShouldNotBeNullOrWhiteSpace();
            (await (await As("inspektur")).GetAsync("/api/notifications/unsent-mail")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
        finally
        {
            Mail.StartSmtp();
        }
        await OneMailAsync("inspektur", m => m.TextBody!.Contains(slip.ToString()));
        await Task.Delay(3000); // a duplicate has every chance to arrive
        Mail.Received.Count(m => To(m, Address("inspektur"))).ShouldBe(1);
        (await (await As("admin")).GetFromJsonAsync<MailDeliveryRow[]>("/api/notifications/unsent-mail", ArsipApp.Json))!
            .ShouldNotContain(m => m.To == Address("inspektur"));
    }

    [Fact]
    public async Task A_permanent_refusal_is_recorded_for_the_administrator_and_not_retried()
    {
        await SubscribeAsync("arsiparis");
        Mail.StopSmtp();
        try
        {
            using var refusing = new RefusingSmtpServer(Mail.SmtpPort);
            await DisposeAsync("sekda", await LetterToAsync("sekda", subject: "Penilaian arsip"), ["arsiparis"], deadline: Now.AddDays(3));
            var admin = await As("admin");
            MailDeliveryRow? refused = null;
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until && refused is not { Status: MailStatus.Refused })
            {
                refused = (await admin.GetFromJsonAsync<MailDeliveryRow[]>("/api/notifications/unsent-mail", ArsipApp.Json))!
                    .SingleOrDefault(m => m.To == Address("arsiparis"));
                await Task.Delay(200);
            }
            refused.ShouldNotBeNull();
            refused.Status.ShouldBe(MailStatus.Refused);
            refused.LastError!.ShouldContain("550");
            await Task.Delay(3000); // retries (1 s apart here) would show as more attempts
            (await admin.GetFromJsonAsync<MailDeliveryRow[]>("/api/notifications/unsent-mail", ArsipApp.Json))!
                .Single(m => m.To == Address("arsiparis")).Attempts.ShouldBe(1);
        }
        finally
        {
            Mail.StartSmtp();
        }
    }

    [Fact]
    public async Task The_profile_refuses_an_invalid_address_and_keeps_a_good_choice()
    {
        var client = await As("auditor");
        foreach (var bad in new[] { "auditor", "auditor@", "auditor@localhost", "a b@kota.go.id", "Auditor <auditor@kota.go.id>", "x@kota.go.id, y@kota.go.id" })
        {
            var refused = await client.PutAsJsonAsync("/api/me/notifications", new { email = bad, delivery = "Immediately" });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, bad);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("Alamat surel tidak sah");
        }
        (await client.PutAsJsonAsync("/api/me/notifications", new { email = "", delivery = "Immediately" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.PutAsJsonAsync("/api/me/notifications", new { email = "auditor@bekasikota.go.id", delivery = "DailyDigest", digestHour = 24 })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetFromJsonAsync<NotificationPreferences>("/api/me/notifications", ArsipApp.Json))!.Delivery.ShouldBe(NotificationDelivery.Off);

        (await client.PutAsJsonAsync("/api/me/notifications", new { email = "auditor@bekasikota.go.id", delivery = "DailyDigest", digestHour = 16, language = "English" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetFromJsonAsync<NotificationPreferences>("/api/me/notifications", ArsipApp.Json))
            .ShouldBe(new NotificationPreferences("auditor@bekasikota.go.id", NotificationDelivery.DailyDigest, 16, NotificationLanguage.English));
    }
}

/// <summary>The profile page and the administrator's list of mail not sent.</summary>
public class NotificationPagesTests(NotificationsApp app) : DispositionTest(app), IClassFixture<NotificationsApp>
{
    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, params (string Key, string Value)[] fields)
    {
        var html = await client.GetStringAsync(url);
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", WebUtility.HtmlDecode(token)));
        return await client.PostAsync(url, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task The_profile_page_refuses_a_bad_address_at_its_field_and_saves_a_good_choice()
    {
        var client = await As("kabag.umum");
        var refused = await PostFormAsync(client, "/profil", ("email", "kabag.umum@bekasi"), ("delivery", "Immediately"), ("digestHour", "7"), ("language", "Indonesian"));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await refused.Content.ReadAsStringAsync();
        page.ShouldContain("id=\"email-error\"");
        page.ShouldContain("Alamat surel tidak sah");
        page.ShouldContain("value=\"kabag.umum@bekasi\""); // what was typed stays
        (await client.GetFromJsonAsync<NotificationPreferences>("/api/me/notifications", ArsipApp.Json))!.Delivery.ShouldBe(NotificationDelivery.Off);

        var saved = await PostFormAsync(client, "/profil", ("email", "kabag.umum@bekasikota.go.id"), ("delivery", "DailyDigest"), ("digestHour", "6"), ("language", "English"));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK); // followed the redirect
        (await client.GetFromJsonAsync<NotificationPreferences>("/api/me/notifications", ArsipApp.Json))
            .ShouldBe(new NotificationPreferences("kabag.umum@bekasikota.go.id", NotificationDelivery.DailyDigest, 6, NotificationLanguage.English));
        var again = await client.GetStringAsync("/profil");
        again.ShouldContain("value=\"kabag.umum@bekasikota.go.id\"");
        again.ShouldContain("<option value=\"6\" selected=\"selected\">06:00</option>");
    }

    [Fact]
    public async Task The_administrator_sees_the_mail_settings_and_only_administrators_open_the_page()
    {
        var page = await (await As("admin")).GetStringAsync("/admin/surel");
        page.ShouldContain("Mail is on: SMTP 127.0.0.1");
        var other = await (await As("kabag.umum")).GetAsync("/admin/surel"); // the cookie scheme sends to the access-denied page
        (other.StatusCode == HttpStatusCode.Forbidden || other.RequestMessage!.RequestUri!.AbsolutePath != "/admin/surel").ShouldBeTrue();
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("Mail is on");
    }
}
