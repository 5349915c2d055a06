using System.Net;
using System.Net.Http.Json;
using System.Text;
using Arsip.Correspondence;
using Arsip.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Arsip.IntegrationTests.Pages;

/// <summary>Pages are Indonesian unless the person chooses English; the choice is a cookie, not the browser's language.</summary>
public class LanguageTests(ArsipApp app) : ArsipTest(app)
{
    [Fact]
    public async Task Pages_are_Indonesian_by_default_even_for_an_English_browser_and_English_when_chosen()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US,en;q=0.9");
        var page = await client.GetStringAsync("/masuk");
        page.ShouldContain("Masuk ke Arsip");
        page.ShouldContain("<label for=\"userName\">Nama pengguna</label>");

        var choose = await client.GetAsync("/bahasa/en?kembali=/masuk");
        choose.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        choose.Headers.Location!.ToString().ShouldBe("/masuk");
        var cookie = choose.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Culture="));
        client.DefaultRequestHeaders.Add("Cookie", cookie.Split(';')[0]);

        var english = await client.GetStringAsync("/masuk");
        english.ShouldContain("Sign in to Arsip");
        english.ShouldContain("<label for=\"userName\">User name</label>");
        english.ShouldContain("<html lang=\"en\">");
        english.ShouldContain(">Bahasa Indonesia</a>");
        // A missing page is explained in the chosen language too.
        (await client.GetStringAsync("/galat/404")).ShouldContain("Not found");
    }

    [Fact]
    public async Task A_signed_in_official_who_chose_English_sees_the_dashboard_and_inbox_in_English()
    {
        var client = await App.SignInAsync("sekda");
        (await client.GetStringAsync("/")).ShouldContain("<h1>Beranda</h1>");
        (await client.GetStringAsync("/disposisi")).ShouldContain("<h1>Kotak masuk</h1>");

        // The choice is stored by the client's cookie container, as a browser would.
        var choose = await client.GetAsync("/bahasa/en");
        choose.EnsureSuccessStatusCode();
        var dashboard = await client.GetStringAsync("/");
        dashboard.ShouldContain("<h1>Home</h1>");
        dashboard.ShouldContain("Your inbox</h2>");
        dashboard.ShouldContain("Letters awaiting your disposition</h3>");
        dashboard.ShouldNotContain("Kotak masuk Anda");
        var inbox = await client.GetStringAsync("/disposisi");
        inbox.ShouldContain("<h1>Inbox</h1>");
        inbox.ShouldContain("<h2>Open</h2>");
        inbox.ShouldContain("nearest deadline");
        inbox.ShouldContain(">Unread");
        inbox.ShouldNotContain("Saring kotak masuk");
    }

    [Fact]
    public async Task An_administrator_who_chose_English_imports_registers_of_both_kinds_on_an_English_page()
    {
        var admin = await App.SignInAsync("admin");
        (await admin.GetAsync("/bahasa/en")).EnsureSuccessStatusCode();
        async Task<LegacyImport> UploadAsync(string kind, string csv)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "register", $"agenda-{kind}.csv");
            form.Add(new StringContent(kind), "kind");
            var response = await admin.PostAsync("/api/legacy-imports", form);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<LegacyImport>(ArsipApp.Json))!;
        }

        var upload = await admin.GetStringAsync("/admin/impor");
        foreach (var english in new[] { "<h1>Import old registers</h1>", "Upload an agenda book", "Kind of register *", "Scans (ZIP, optional)", "Text encoding (CSV)",
                     "Detect automatically", "Upload and check", "Nothing is written before you have seen the preview and every problem." })
            upload.ShouldContain(english);
        foreach (var indonesian in new[] { "Unggah buku agenda", "Jenis register", "Kenali otomatis", "Unggah dan periksa", "Belum ada yang ditulis", "Unggahan gagal" })
            upload.ShouldNotContain(indonesian);

        // an incoming register with a bad row: its problems, preview and mapping
        var incoming = await UploadAsync("incoming", string.Join("\n",
            "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal",
            "8801;02/01/2025;Dinas Kesehatan;01/01/2025;400/8801/Dinkes;Laporan bulanan",
            "8802;02/01/2025;;01/01/2025;400/8802/Dinkes;Tanpa pengirim"));
        var preview = await admin.GetStringAsync($"/admin/impor/{incoming.Id}");
        foreach (var english in new[] { "Problems: 1; nothing was written", "Correct the file and upload it again", "<h2>Preview</h2>", "<h2>Column mapping</h2>",
                     ">Date received *</label>", ">Forwarded to</label>", ">Scan file</label>", "Check again", "Cancel the import", ">Checked</dd>", ">Incoming letters</dd>", ">Letter rows</dt>" })
            preview.ShouldContain(english);
        foreach (var indonesian in new[] { "Pratinjau", "Pemetaan kolom", "Periksa lagi", "Batalkan impor", "Tanggal terima *", "Baris surat", ">diperiksa<", "tidak ada yang ditulis" })
            preview.ShouldNotContain(indonesian);

        // an outgoing register: its own columns, a note that does not block, then the run to its end
        var outgoing = await UploadAsync("outgoing", string.Join("\n",
            "Nomor surat;Tanggal surat;Tujuan;Perihal;Kode klasifikasi",
            "B/88/Umum/X/2025;11/10/2025;Kepala Kantor Pos;Pengiriman dokumen;000.1"));
        outgoing.Problems.ShouldBeEmpty();
        outgoing.Notices.ShouldHaveSingleItem();
        var checkedOutgoing = await admin.GetStringAsync($"/admin/impor/{outgoing.Id}");
        foreach (var english in new[] { ">Outgoing letters</dd>", "Notes (they do not stop the import): 1", "row 2:", ">Addressees *</label>", ">Date sent</label>",
                     "No problems. Letters to be imported at once (all or nothing): 1.", "Start the import" })
            checkedOutgoing.ShouldContain(english);
        checkedOutgoing.ShouldNotContain("Mulai impor");
        (await admin.PostAsync($"/api/legacy-imports/{outgoing.Id}/run", null)).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        for (var i = 0; (await admin.GetFromJsonAsync<LegacyImport>($"/api/legacy-imports/{outgoing.Id}", ArsipApp.Json))!.Status != LegacyImportStatus.Done; i++)
        {
            if (i == 300) throw new ShouldAssertException("the import did not finish in 30 s");
            await Task.Delay(100);
        }
        var done = await admin.GetStringAsync($"/admin/impor/{outgoing.Id}");
        done.ShouldContain("Done. Letters imported: 1, with scans: 0.");
        done.ShouldContain("Open the agenda book");
        done.ShouldContain("<span id=\"import-phase\">Done</span>");
        done.ShouldContain("&quot;menulis surat&quot;:&quot;Writing letters&quot;", customMessage: "the progress bar's script says the phases in English");
        (await admin.GetStringAsync("/admin/impor")).ShouldContain("Recent imports");
    }

    [Fact]
    public async Task Only_known_languages_and_local_return_addresses()
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await client.GetAsync("/bahasa/fr")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var away = await client.GetAsync("/bahasa/id?kembali=https://contoh.example/");
        away.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        away.Headers.Location!.ToString().ShouldBe("/");
    }
}
