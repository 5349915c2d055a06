using Arsip.Access;
using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Correspondence;

public class RegisterIncomingLetterTests
{
    [Fact]
    public void The_decision_trims_the_input_and_takes_the_year_from_the_date_received()
    {
        var now = new DateTimeOffset(2027, 1, 2, 8, 0, 0, TimeSpan.Zero);
        var command = new RegisterIncomingLetter(" Dinas Kesehatan ", " 400.7/1/Dinkes/2026 ", new DateOnly(2026, 12, 30),
            new DateOnly(2027, 1, 2), " Laporan ", "400.7", SecurityLevel.Rahasia, Urgency.Segera, Attachments: "  ", Remarks: null);

        var unit = Guid.NewGuid();
        var registrar = new Caller("kota-bekasi", Guid.NewGuid(), "Budi Santoso", [Guid.NewGuid()], [unit], [Role.Registrar]);
        var addressee = new Position { Id = Guid.NewGuid(), UnitId = Guid.NewGuid(), Title = "Sekretaris Daerah" };

        var e = IncomingLetterRegistration.Register(command, new Addressees(addressee, []), registrar, Guid.Empty, 7, now);

        e.AgendaNumber.ShouldBe(7);
        e.AgendaYear.ShouldBe(2027);
        e.Sender.ShouldBe("Dinas Kesehatan");
        e.SenderLetterNumber.ShouldBe("400.7/1/Dinkes/2026");
        e.Subject.ShouldBe("Laporan");
        e.Attachments.ShouldBeNull();
        e.RegisteredBy.ShouldBe("Budi Santoso");
        e.RegisteredByUnitId.ShouldBe(unit);
        e.AddresseePositionId.ShouldBe(addressee.Id);
        e.AddresseeUnitId.ShouldBe(addressee.UnitId);
        e.RegisteredAt.ShouldBe(now);
    }

    [Theory]
    [InlineData("000", true)]
    [InlineData("000.1.2", true)]
    [InlineData("800.1.11.1", true)]
    [InlineData("00", false)]
    [InlineData("000.", false)]
    [InlineData("000.1a", false)]
    [InlineData("000.1234", false)]
    public void Classification_codes_are_dotted_digit_groups(string code, bool wellFormed) =>
        ClassificationCode.IsWellFormed(code).ShouldBe(wellFormed);

    [Fact]
    public void Fingerprints_ignore_case_and_spacing()
    {
        var date = new DateOnly(2026, 1, 1);
        IncomingLetterFingerprint.For("Kecamatan  Bekasi Timur", "d/1 ", date)
            .ShouldBe(IncomingLetterFingerprint.For("KECAMATAN BEKASI TIMUR", "D/1", date));
    }
}
