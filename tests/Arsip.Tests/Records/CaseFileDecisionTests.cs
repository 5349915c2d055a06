using Arsip.Organization;
using Arsip.Records;
using Arsip.ReferenceData;
using Microsoft.AspNetCore.Mvc;

namespace Arsip.Tests.Records;

/// <summary>The berkas decisions, called directly: who may act, what is refused, which events an accepted command causes.</summary>
public class CaseFileDecisionTests
{
    private static readonly Guid Umum = Guid.NewGuid(), Hukum = Guid.NewGuid();
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 2, 0, 0, TimeSpan.Zero);

    private static Caller As(Role role, params Guid[] units) => new("kota-bekasi", Guid.NewGuid(), "Petugas", [Guid.NewGuid()], units, [role]);
    private static readonly Caller Archivist = As(Role.Archivist, Umum);
    private static readonly Caller UmumRegistrar = As(Role.Registrar, Umum);
    private static readonly Caller Official = As(Role.Official, Umum);

    private static readonly ClassificationClass Kepegawaian = new("800.1", "Kepegawaian", "800", 2, 3, FinalAction.Musnah, SecurityLevel.Terbatas);
    private static readonly ClassificationClass Peraturan = new("100.3", "Peraturan", "100", 5, 10, FinalAction.Permanen, null, RetentionTrigger.NoLongerInForce);
    private static readonly ClassificationSchemeView Scheme = new() { Version = 3, Classes = [Kepegawaian, Peraturan] };

    private static CaseFile File(Guid? unit = null, string code = "800.1", params Guid[] letters)
    {
        var f = CaseFile.Create(new CaseFileCreated(Guid.NewGuid(), unit ?? Umum, 2026, 1, code, "Mutasi pegawai", null, null, null, SecurityLevel.Biasa, false, Guid.NewGuid(), "x", Now));
        f.Apply(new LettersFiled(f.Id, [.. letters.Select(l => new FiledLetter(l, LetterDirection.Incoming))], null, null, Guid.NewGuid(), "x", Now));
        return f;
    }

    private static CaseFile Closed(CaseFile f, DateOnly on, FixedRetention? retention = null)
    {
        f.Apply(new CaseFileClosed(f.Id, on, retention ?? new FixedRetention(3, f.Classification, 2, 3, FinalAction.Musnah, RetentionTrigger.CaseFileClosed), Guid.NewGuid(), "x", Now));
        return f;
    }

    private static LetterOnFile Letter(Guid id, bool visible = true, bool fileable = true, Guid? inCaseFile = null, LetterDirection direction = LetterDirection.Incoming) =>
        new(id, direction, visible, fileable, inCaseFile, new LetterLine(id, direction, "1/2026", Today, "Hal", "Pengirim", SecurityLevel.Biasa));

    private static int Status(Decision d) => d.Refusal.ShouldNotBeNull().Status!.Value;

    // ---- create ----

    private static CreatingContext Creating(Guid? unit = null, CaseFile? existing = null, IReadOnlyList<ClassificationClass>? classes = null) =>
        new(new Unit { Id = unit ?? Umum, Code = "Umum", Name = "Bagian Umum" }, classes ?? Scheme.Classes, existing, Guid.NewGuid(), Today, Now);

    private static CreateCaseFile Body(string? code = "800.1", string? title = "Mutasi pegawai 2026", Guid? unit = null, Guid? id = null) =>
        new(id, unit ?? Umum, code, title, new(2026, 1, 1), new(2026, 12, 31), null, null);

    [Fact]
    public void Creating_takes_the_security_level_from_the_class_and_the_year_from_the_local_date()
    {
        var context = Creating();
        var created = (CaseFileCreated)CreateCaseFileHandler.Decide(new(Archivist, Body()), context).Events.Single();
        created.CaseFileId.ShouldBe(context.NewId);
        created.Year.ShouldBe(2026);
        created.Number.ShouldBe(0); // the handler numbers it once accepted
        created.SecurityLevel.ShouldBe(SecurityLevel.Terbatas);
        created.Title.ShouldBe("Mutasi pegawai 2026");
        ((CaseFileCreated)CreateCaseFileHandler.Decide(new(Archivist, Body("100.3")), context).Events.Single()).SecurityLevel.ShouldBe(SecurityLevel.Biasa);
    }

    [Fact]
    public void Creating_refuses_bad_fields_an_unknown_class_another_units_registrar_and_a_missing_unit()
    {
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body(title: " ")), Creating())).ShouldBe(400);
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body(title: new string('x', 501))), Creating())).ShouldBe(400);
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body(code: "abc")), Creating())).ShouldBe(400);
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body() with { PeriodFrom = new(2026, 5, 1), PeriodTo = new(2026, 4, 1) }), Creating())).ShouldBe(400);
        var unknown = CreateCaseFileHandler.Decide(new(Archivist, Body(code: "800.9")), Creating());
        Status(unknown).ShouldBe(422);
        unknown.Refusal!.ShouldBeOfType<ValidationProblemDetails>().Errors["classification"].Single().ShouldContain("800.1");
        Status(CreateCaseFileHandler.Decide(new(UmumRegistrar, Body(unit: Hukum)), Creating(Hukum))).ShouldBe(403);
        CreateCaseFileHandler.Decide(new(UmumRegistrar, Body()), Creating()).Refused.ShouldBeFalse();
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body()), Creating() with { Unit = null })).ShouldBe(400);
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body()), Creating() with { Classes = null })).ShouldBe(409);
    }

    [Fact]
    public void A_resend_with_the_same_id_is_accepted_without_events_and_different_content_is_a_conflict()
    {
        var first = (CaseFileCreated)CreateCaseFileHandler.Decide(new(Archivist, Body()), Creating()).Events.Single();
        var existing = CaseFile.Create(first);
        var same = CreateCaseFileHandler.Decide(new(Archivist, Body(id: existing.Id)), Creating(existing: existing));
        same.Refused.ShouldBeFalse();
        same.Events.ShouldBeEmpty();
        Status(CreateCaseFileHandler.Decide(new(Archivist, Body(title: "Lain", id: existing.Id)), Creating(existing: existing))).ShouldBe(409);
    }

    // ---- file ----

    [Fact]
    public void Filing_appends_one_event_on_the_berkas_and_one_on_each_letter()
    {
        var file = File();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var letters = new Dictionary<Guid, LetterOnFile> { [a] = Letter(a), [b] = Letter(b, direction: LetterDirection.Outgoing) };
        var d = FileLettersHandler.Decide(new(file.Id, Archivist, new([a, b])), file, letters, Now);
        var filed = d.Events.OfType<LettersFiled>().Single();
        filed.Letters.ShouldBe([new FiledLetter(a, LetterDirection.Incoming), new FiledLetter(b, LetterDirection.Outgoing)]);
        d.Events.OfType<LetterFiledInCaseFile>().Select(e => e.LetterId).ShouldBe([a, b]);
        d.Events.OfType<LetterFiledInCaseFile>().ShouldAllBe(e => e.CaseFileId == file.Id && e.FromCaseFileId == null);
    }

    [Fact]
    public void Filing_refuses_unseen_letters_like_missing_ones_drafts_duplicates_and_letters_filed_elsewhere()
    {
        var file = File();
        var (seen, secret, missing, draft, here, elsewhere) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var letters = new Dictionary<Guid, LetterOnFile>
        {
            [seen] = Letter(seen), [secret] = Letter(secret, visible: false), [draft] = Letter(draft, fileable: false),
            [here] = Letter(here, inCaseFile: file.Id), [elsewhere] = Letter(elsewhere, inCaseFile: Guid.NewGuid()),
        };
        Decision Try(params Guid[] ids) => FileLettersHandler.Decide(new(file.Id, Archivist, new(ids)), file, letters, Now);
        var hidden = Try(seen, secret);
        var absent = Try(seen, missing);
        Status(hidden).ShouldBe(404);
        hidden.Refusal!.Detail.ShouldBe(absent.Refusal!.Detail); // a secret letter is refused exactly like a missing one
        Status(Try(draft)).ShouldBe(409);
        Try(here).Refusal!.Detail!.ShouldContain("sudah ada di berkas ini");
        Try(elsewhere).Refusal!.Detail!.ShouldContain("berkas lain");
        Status(Try()).ShouldBe(400);
        Status(Try(seen, seen)).ShouldBe(400);
        Status(Try([.. Enumerable.Range(0, 1001).Select(_ => Guid.NewGuid())])).ShouldBe(413);
        Status(FileLettersHandler.Decide(new(file.Id, Archivist, new([seen])), null, letters, Now)).ShouldBe(404);
        Status(FileLettersHandler.Decide(new(file.Id, As(Role.Registrar, Hukum), new([seen])), file, letters, Now)).ShouldBe(403);
        Status(FileLettersHandler.Decide(new(file.Id, Archivist, new([seen])), Closed(File(letters: [here]), Today), letters, Now)).ShouldBe(409);
    }

    // ---- move ----

    [Fact]
    public void Moving_takes_letters_out_of_one_berkas_into_another_with_the_reason()
    {
        var letter = Guid.NewGuid();
        var (source, target) = (File(letters: [letter]), File());
        var letters = new Dictionary<Guid, LetterOnFile> { [letter] = Letter(letter, inCaseFile: source.Id) };
        var d = MoveLettersHandler.Decide(new(source.Id, Archivist, new([letter], target.Id, " salah berkas ")), source, target, letters, Now);
        d.Events.OfType<LettersMovedOut>().Single().ShouldSatisfyAllConditions(e => e.ToCaseFileId.ShouldBe(target.Id), e => e.Reason.ShouldBe("salah berkas"));
        d.Events.OfType<LettersFiled>().Single().ShouldSatisfyAllConditions(e => e.CaseFileId.ShouldBe(target.Id), e => e.FromCaseFileId.ShouldBe(source.Id));
        d.Events.OfType<LetterFiledInCaseFile>().Single().ShouldSatisfyAllConditions(e => e.FromCaseFileId.ShouldBe(source.Id), e => e.Reason.ShouldBe("salah berkas"));

        Status(MoveLettersHandler.Decide(new(source.Id, Archivist, new([letter], target.Id, " ")), source, target, letters, Now)).ShouldBe(400);
        Status(MoveLettersHandler.Decide(new(source.Id, Archivist, new([letter], source.Id, "x")), source, source, letters, Now)).ShouldBe(400);
        Status(MoveLettersHandler.Decide(new(source.Id, Archivist, new([letter], Guid.NewGuid(), "x")), source, null, letters, Now)).ShouldBe(404);
        Status(MoveLettersHandler.Decide(new(source.Id, UmumRegistrar, new([letter], target.Id, "x")), source, File(Hukum), letters, Now)).ShouldBe(403);
        Status(MoveLettersHandler.Decide(new(source.Id, Archivist, new([letter], target.Id, "x")), source, Closed(File(letters: [Guid.NewGuid()]), Today), letters, Now)).ShouldBe(409);
        var stranger = Guid.NewGuid();
        Status(MoveLettersHandler.Decide(new(source.Id, Archivist, new([stranger], target.Id, "x")), source, target,
            new Dictionary<Guid, LetterOnFile> { [stranger] = Letter(stranger) }, Now)).ShouldBe(409);
    }

    // ---- close ----

    [Fact]
    public void Closing_fixes_the_retention_of_the_scheme_in_force_from_the_local_closing_day()
    {
        var file = File(letters: [Guid.NewGuid()]);
        var closed = (CaseFileClosed)CloseCaseFileHandler.Decide(new(file.Id, Archivist), file, [], Scheme, Today, Now).Events.Single();
        closed.ClosedOn.ShouldBe(Today);
        closed.Retention.ShouldBe(new FixedRetention(3, "800.1", 2, 3, FinalAction.Musnah, RetentionTrigger.CaseFileClosed));
        file.Apply(closed);
        (file.ActiveUntil, file.InactiveUntil).ShouldBe((new DateOnly(2028, 11, 24), new DateOnly(2031, 11, 24)));
        file.StageOn(Today).ShouldBe(RetentionStage.Active);
    }

    [Fact]
    public void Closing_is_refused_when_empty_closed_with_open_dispositions_or_with_the_class_gone()
    {
        var letter = Guid.NewGuid();
        Status(CloseCaseFileHandler.Decide(new(Guid.NewGuid(), Archivist), File(), [], Scheme, Today, Now)).ShouldBe(409);
        Status(CloseCaseFileHandler.Decide(new(Guid.NewGuid(), Archivist), Closed(File(letters: [letter]), Today), [], Scheme, Today, Now)).ShouldBe(409);
        var open = new OpenDispositionItem(Guid.NewGuid(), letter, Now.AddDays(2));
        var refused = CloseCaseFileHandler.Decide(new(Guid.NewGuid(), Archivist), File(letters: [letter]), [open], Scheme, Today, Now);
        Status(refused).ShouldBe(409);
        refused.Refusal!.Extensions["openDispositions"].ShouldBe(new[] { open });
        Status(CloseCaseFileHandler.Decide(new(Guid.NewGuid(), Archivist), File(code: "900.1", letters: [letter]), [], Scheme, Today, Now)).ShouldBe(409);
        Status(CloseCaseFileHandler.Decide(new(Guid.NewGuid(), As(Role.Registrar, Hukum)), File(letters: [letter]), [], Scheme, Today, Now)).ShouldBe(403);
        Status(CloseCaseFileHandler.Decide(new(Guid.NewGuid(), Official), File(letters: [letter]), [], Scheme, Today, Now)).ShouldBe(403);
    }

    // ---- reopen ----

    [Fact]
    public void Reopening_needs_a_reason_and_is_refused_once_the_active_period_ended()
    {
        var file = Closed(File(letters: [Guid.NewGuid()]), Today);
        ReopenCaseFileHandler.Decide(new(file.Id, Archivist, new("surat susulan")), file, Today.AddYears(2).AddDays(-1), Now).Events.Single()
            .ShouldBeOfType<CaseFileReopened>().Reason.ShouldBe("surat susulan");
        Status(ReopenCaseFileHandler.Decide(new(file.Id, Archivist, new("")), file, Today, Now)).ShouldBe(400);
        Status(ReopenCaseFileHandler.Decide(new(file.Id, Archivist, new("x")), file, Today.AddYears(2), Now)).ShouldBe(409);
        Status(ReopenCaseFileHandler.Decide(new(file.Id, Archivist, new("x")), File(), Today, Now)).ShouldBe(409);
        // waiting for its trigger, no stage has started: it may still be reopened
        var waiting = Closed(File(code: "100.3", letters: [Guid.NewGuid()]), Today, new FixedRetention(3, "100.3", 5, 10, FinalAction.Permanen, RetentionTrigger.NoLongerInForce));
        ReopenCaseFileHandler.Decide(new(waiting.Id, Archivist, new("x")), waiting, Today.AddYears(50), Now).Refused.ShouldBeFalse();
    }

    // ---- trigger ----

    [Fact]
    public void A_trigger_is_recorded_once_for_a_berkas_waiting_for_it_and_then_dates_follow()
    {
        var file = Closed(File(code: "100.3", letters: [Guid.NewGuid()]), Today, new FixedRetention(3, "100.3", 5, 10, FinalAction.Permanen, RetentionTrigger.NoLongerInForce));
        file.StageOn(Today).ShouldBe(RetentionStage.AwaitingTrigger);
        var body = new RecordRetentionTrigger(RetentionTrigger.NoLongerInForce, new DateOnly(2027, 3, 1), "Perwal dicabut");
        var recorded = (RetentionTriggerRecorded)RecordRetentionTriggerHandler.Decide(new(file.Id, Archivist, body), file, null, new(2027, 3, 2), Now).Events.Single();
        file.Apply(recorded);
        (file.ActiveUntil, file.InactiveUntil).ShouldBe((new DateOnly(2032, 3, 1), new DateOnly(2042, 3, 1)));
        Status(RecordRetentionTriggerHandler.Decide(new(file.Id, Archivist, body), file, null, new(2027, 3, 2), Now)).ShouldBe(409);
    }

    [Fact]
    public void A_trigger_is_refused_for_closing_classes_another_trigger_a_future_day_and_missing_fields()
    {
        var closing = Closed(File(letters: [Guid.NewGuid()]), Today);
        var body = new RecordRetentionTrigger(RetentionTrigger.NoLongerInForce, Today, null);
        Status(RecordRetentionTriggerHandler.Decide(new(closing.Id, Archivist, body), closing, null, Today, Now)).ShouldBe(409);
        var open = File(code: "100.3");
        RecordRetentionTriggerHandler.Decide(new(open.Id, Archivist, body), open, RetentionTrigger.NoLongerInForce, Today, Now).Refused.ShouldBeFalse();
        Status(RecordRetentionTriggerHandler.Decide(new(open.Id, Archivist, body with { Trigger = RetentionTrigger.EmployeeRetired }), open, RetentionTrigger.NoLongerInForce, Today, Now)).ShouldBe(400);
        Status(RecordRetentionTriggerHandler.Decide(new(open.Id, Archivist, body with { OccurredOn = Today.AddDays(1) }), open, RetentionTrigger.NoLongerInForce, Today, Now)).ShouldBe(400);
        Status(RecordRetentionTriggerHandler.Decide(new(open.Id, Archivist, body with { Trigger = null }), open, RetentionTrigger.NoLongerInForce, Today, Now)).ShouldBe(400);
        Status(RecordRetentionTriggerHandler.Decide(new(open.Id, Archivist, body), open, null, Today, Now)).ShouldBe(409);
    }

    // ---- the scheme's trigger ----

    [Fact]
    public void The_scheme_file_reads_a_trigger_column_in_Indonesian_words_or_enum_names_and_defaults_to_closing()
    {
        var parsed = ClassificationSchemeFile.ParseCsv(string.Join("\n",
            "code,name,parent,activeRetentionYears,inactiveRetentionYears,finalAction,defaultSecurityLevel,pemicu",
            "100,Pemerintahan,,2,3,Musnah,,",
            "100.1,Peraturan,100,5,10,Permanen,,tidak berlaku",
            "100.2,Pegawai,100,1,1,Musnah,,Pensiun",
            "100.3,Audit,100,1,1,Musnah,,AuditCompleted",
            "100.4,Surat,100,1,1,Musnah,,ditutup"));
        parsed.Errors.ShouldBeEmpty();
        parsed.Classes.Select(c => c.Trigger).ShouldBe([RetentionTrigger.CaseFileClosed, RetentionTrigger.NoLongerInForce, RetentionTrigger.EmployeeRetired,
            RetentionTrigger.AuditCompleted, RetentionTrigger.CaseFileClosed]);
        var bad = ClassificationSchemeFile.ParseCsv("code,name,activeRetentionYears,inactiveRetentionYears,finalAction,trigger\n100,Pemerintahan,2,3,Musnah,kapan-kapan");
        bad.Errors.ShouldHaveSingleItem().Field.ShouldBe("trigger");
    }

    [Fact]
    public void A_class_stored_before_triggers_existed_loads_with_closing_as_its_trigger()
    {
        var serializer = new Marten.Services.SystemTextJsonSerializer { EnumStorage = Weasel.Core.EnumStorage.AsString };
        const string stored = """{"Version":1,"Classes":[{"Code":"800","Name":"Kepegawaian","Parent":null,"ActiveRetentionYears":2,"InactiveRetentionYears":3,"FinalAction":"Musnah","DefaultSecurityLevel":null}],"SourceName":null,"Shortened":[],"Reason":null,"ImportedBy":"admin","ImportedAt":"2026-01-01T00:00:00+00:00"}""";
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stored));
        var imported = serializer.FromJson<ClassificationSchemeImported>(stream);
        imported.Classes.Single().Trigger.ShouldBe(RetentionTrigger.CaseFileClosed);
    }
}
