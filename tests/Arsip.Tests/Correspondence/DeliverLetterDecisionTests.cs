using Arsip.Correspondence;
using Arsip.Organization;

namespace Arsip.Tests.Correspondence;

public sealed class DeliverLetterDecisionTests
{
    private static readonly Guid Setda = Guid.NewGuid(), Umum = Guid.NewGuid(), Dinkes = Guid.NewGuid();
    private static readonly Position Kadinkes = new() { Id = Guid.NewGuid(), Title = "Kepala Dinas Kesehatan", UnitId = Dinkes, Roles = [Role.Official] };
    private static readonly Position Registry = new() { Id = Guid.NewGuid(), Title = "Pengadministrasi Umum", UnitId = Umum, Roles = [Role.Registrar] };
    private static readonly Position Sekda = new() { Id = Guid.NewGuid(), Title = "Sekretaris Daerah", UnitId = Setda, Roles = [Role.Official] };

    private static DeliverLetter Letter(string addressee) => new(Guid.NewGuid(), "kab-bekasi", Guid.NewGuid(), "Sekretaris Daerah Kabupaten Bekasi",
        "000.1/5/Setda/2026", new DateOnly(2026, 12, 1), "Undangan rapat", "000.1", SecurityLevel.Biasa, Urgency.Segera, null, addressee, IsCopy: false);

    [Fact]
    public void A_letter_naming_a_position_goes_to_it_and_is_registered_by_its_unit_whatever_the_case_of_the_title()
    {
        var routing = DeliverLetterHandler.Decide(Letter("KEPALA DINAS KESEHATAN"), "kota-bekasi", [Sekda, Registry, Kadinkes]);
        routing.Addressee.ShouldBe(Kadinkes);
        routing.Registrar.Units.ShouldBe([Dinkes]);
        routing.Registrar.Agency.ShouldBe("kota-bekasi");
        routing.Content.Subject.ShouldBe("Undangan rapat");
    }

    [Fact]
    public void A_letter_naming_no_known_position_is_registered_by_the_registry_without_an_addressee()
    {
        var routing = DeliverLetterHandler.Decide(Letter("Kepala Badan Entah"), "kota-bekasi", [Sekda, Registry, Kadinkes]);
        routing.Addressee.ShouldBeNull();
        routing.Registrar.Units.ShouldBe([Umum]);
    }

    [Fact]
    public void Without_a_registry_or_addressee_the_letter_is_registered_by_no_unit()
    {
        var routing = DeliverLetterHandler.Decide(Letter("Kepala Badan Entah"), "kota-bekasi", [Sekda]);
        routing.Addressee.ShouldBeNull();
        routing.Registrar.Units.ShouldBeEmpty();
    }
}
