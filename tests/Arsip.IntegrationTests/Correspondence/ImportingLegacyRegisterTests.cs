using Arsip.Audit;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Arsip.Correspondence;
using Arsip.Infrastructure;
using Arsip.IntegrationTests.Infrastructure;
using Marten;

namespace Arsip.IntegrationTests.Correspondence;

public class ImportingLegacyRegisterTests(ArsipApp app) : ArsipTest(app)
{
    private const string Header = "No. agenda;Tanggal terima;Pengirim;Tanggal surat;Nomor surat;Perihal;Lampiran;Diteruskan kepada;Keterangan";

    private Task<ImportResult> ImportAsync(string csv, string? registrar = "registrar") =>
        ImportLegacyRegister.ImportAsync(App.Store, "kota-bekasi", new StringReader(csv), "register.csv", new ArsipClock(App.Clock), registrar);

    [Fact]
    public async Task A_good_register_is_imported_with_its_own_numbers_and_the_agenda_continues_after_the_highest()
    {
        var csv = string.Join("\n",
            Header,
            "1;02/01/2026;Dinas Kesehatan;30/12/2025;400.7/1/Dinkes;Laporan akhir tahun;1 berkas;Kepala Bagian Organisasi;",
            "2;03/01/2026;\"Kecamatan Bekasi Timur; Seksi Umum\";02/01/2026;005/2/Kec;\"Undangan rapat \"\"koordinasi\"\"\";;Sekretaris Daerah;segera",
            "907;15/06/2026;BPBD Kota Bekasi;14/06/2026;360/77/BPBD;Laporan banjir;;Bagian Umum;",
            "12;20/12/2025;Bappeda;19/12/2025;050/9/Bappeda;Rencana kerja;;;");

        var result = await ImportAsync(csv);

        result.Errors.ShouldBeEmpty();
        result.Imported.ShouldBe(4);
        var registrar = await As("registrar");
        var page = await registrar.GetFromJsonAsync<IncomingLetterPage>("/api/incoming-letters?year=2026&pageSize=10", ArsipApp.Json);
        page!.Items.Select(l => l.AgendaNumber).ShouldBe([907, 2, 1]);
        var second = page.Items.Single(l => l.AgendaNumber == 2);
        second.Sender.ShouldBe("Kecamatan Bekasi Timur; Seksi Umum");
        second.Subject.ShouldBe("Undangan rapat \"koordinasi\"");
        second.ReceivedOn.ShouldBe(new DateOnly(2026, 1, 3));
        second.RegisteredBy.ShouldBe("Budi Santoso");
        page.Items.Single(l => l.AgendaNumber == 907).Remarks!.ShouldContain("Diteruskan kepada: Bagian Umum.");

        // "Diteruskan kepada" naming a position makes it the addressee: that position sees the letter.
        (await (await As("kabag.or")).GetAsync($"/api/incoming-letters/{page.Items.Single(l => l.AgendaNumber == 1).Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var history = await registrar.GetFromJsonAsync<JsonElement[]>($"/api/letters/{second.Id}/history", ArsipApp.Json);
        history!.Single().GetProperty("type").GetString().ShouldBe("incoming_letter_registered");
        // Imported events are sealed into their chains like registered ones.
        (await (await As("auditor")).GetFromJsonAsync<ChainVerification>($"/api/letters/{second.Id}/verify", ArsipApp.Json))!.Intact.ShouldBeTrue();

        var next = await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("AFTER/1"));
        (await ReadAsync<RegisterIncomingLetterResponse>(next)).AgendaNumber.ShouldBe(908);
        var lastYear = await registrar.PostAsJsonAsync("/api/incoming-letters", RegisteringIncomingLettersTests.Letter("AFTER/2", letterDate: "2025-12-29", receivedOn: "2025-12-30"));
        (await ReadAsync<RegisterIncomingLetterResponse>(lastYear)).AgendaNumber.ShouldBe(13);

        // Importing again is refused: the numbers are taken.
        var again = await ImportAsync(csv);
        again.Imported.ShouldBe(0);
        again.Errors.Select(e => e.Line).ShouldBe([2, 3, 4, 5]);
    }

    [Fact]
    public async Task A_bad_register_is_refused_whole_naming_each_bad_line()
    {
        var csv = string.Join("\n",
            Header,
            "501;02/01/2026;Dinas Kesehatan;30/12/2025;400.7/1/Dinkes;Laporan;;;",
            "x;03/01/2026;Dinas A;02/01/2026;1/A;Perihal;;;",
            "503;31/02/2026;Dinas B;02/01/2026;1/B;Perihal;;;",
            "504;05/01/2026;;02/01/2026;1/C;Perihal;;;",
            "501;06/01/2026;Dinas D;02/01/2026;1/D;Perihal;;;",
            "506;01/01/2026;Dinas E;02/01/2026;1/E;Perihal;;;",
            "507;01/01/2027;Dinas F;02/01/2026;1/F;Perihal;;;");

        var result = await ImportAsync(csv);

        result.Imported.ShouldBe(0);
        result.Errors.Select(e => e.Line).ShouldBe([3, 4, 5, 6, 7, 8]);
        result.Errors[0].Message.ShouldContain("No. agenda");
        result.Errors[1].Message.ShouldContain("Tanggal terima");
        result.Errors[2].Message.ShouldContain("Pengirim");
        result.Errors[3].Message.ShouldContain("baris 2");
        await using var session = App.Store.QuerySession("kota-bekasi");
        (await session.Query<IncomingLetterView>().CountAsync(l => l.AgendaNumber == 501)).ShouldBe(0);

        var missingColumns = await ImportAsync("No. agenda;Pengirim\n1;Dinas");
        missingColumns.Errors.Single().Line.ShouldBe(1);
        missingColumns.Errors.Single().Message.ShouldContain("Tanggal terima");
        (await ImportAsync("")).Errors.Single().Line.ShouldBe(1);
    }

    [Fact]
    public async Task A_failure_in_the_last_table_written_leaves_no_stream_event_view_or_counter_move()
    {
        // the fingerprints are written last: the database refuses one of them, as a crash or a full disk there would stop the import
        await App.Store.Storage.Database.EnsureStorageExistsAsync(typeof(IncomingLetterFingerprint));
        // made by the runtime role on first use, so it is the one that may put a trigger on it
        await using var connection = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await connection.OpenAsync();
        var table = $"{ArsipStore.Schema}.mt_doc_{nameof(IncomingLetterFingerprint).ToLowerInvariant()}";
        await new Npgsql.NpgsqlCommand($"""
            create or replace function {ArsipStore.Schema}.test_refuse_fingerprint() returns trigger language plpgsql as
              $$ begin if new.id like '%GAGAL-IMPOR%' then raise exception 'test: disk full'; end if; return new; end $$;
            create trigger test_refuse_fingerprint before insert on {table} for each row execute function {ArsipStore.Schema}.test_refuse_fingerprint();
            """, connection).ExecuteNonQueryAsync();
        long Count(object? o) => Convert.ToInt64(o);
        async Task<(long Events, long Streams, long Counter)> StoredAsync() =>
            (Count(await new Npgsql.NpgsqlCommand($"select count(*) from {ArsipStore.Schema}.mt_events where tenant_id = 'kota-bekasi'", connection).ExecuteScalarAsync()),
             Count(await new Npgsql.NpgsqlCommand($"select count(*) from {ArsipStore.Schema}.mt_streams where tenant_id = 'kota-bekasi'", connection).ExecuteScalarAsync()),
             Count(await new Npgsql.NpgsqlCommand($"select coalesce(sum(value), 0) from {ArsipStore.Schema}.{Sequences.TableName} where tenant_id = 'kota-bekasi' and year = 2024", connection).ExecuteScalarAsync()));
        try
        {
            var before = await StoredAsync();
            var csv = string.Join("\n", Header,
                "8801;02/01/2024;Dinas Kesehatan;30/12/2023;400.7/8801/Dinkes;Laporan;;;",
                "8802;03/01/2024;GAGAL-IMPOR;02/01/2024;005/8802/Kec;Undangan;;;");

            await Should.ThrowAsync<Npgsql.PostgresException>(() => ImportAsync(csv));

            (await StoredAsync()).ShouldBe(before);
            await using var session = App.Store.QuerySession("kota-bekasi");
            (await session.Query<IncomingLetterView>().CountAsync(l => l.AgendaYear == 2024 && l.AgendaNumber > 8800)).ShouldBe(0);
            // nothing of the first attempt is left in the way: the same register imports whole once the fault is gone
            await new Npgsql.NpgsqlCommand($"drop trigger test_refuse_fingerprint on {table}", connection).ExecuteNonQueryAsync();
            (await ImportAsync(csv)).Imported.ShouldBe(2);
        }
        finally
        {
            await new Npgsql.NpgsqlCommand($"drop trigger if exists test_refuse_fingerprint on {table}; drop function if exists {ArsipStore.Schema}.test_refuse_fingerprint()", connection).ExecuteNonQueryAsync();
        }
    }
}
