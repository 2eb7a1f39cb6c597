using QNet.Network.Planning;
using QNet.Network.Scenarios;

namespace QNet.Network.Tests.Planning;

public sealed class CostModelTests
{
    internal static CostModel Crafted() => new("EUR", 10,
        [new CostClass(0.2, 100), new CostClass(0.16, 1000)],
        [new CostClass(1, 10), new CostClass(double.PositiveInfinity, 1000)],
        Repeater: 5000, EndNode: 50, Detector: 7, OperatingBasePerYear: 100, OperatingPerRepeaterPerYear: 20, OperatingPerKmPerYear: 3);

    [Fact]
    public void Price_OneRepeater_SumsEveryItem()
    {
        var request = new PlanRequest(20_000) { Heralding = HeraldingScheme.DoubleClick, MemorySlotsPerLink = 2 };
        var (capital, yearly, error) = Planner.Price(request, Crafted(), new PlanDesign(1, 0.2, 1, null));
        Assert.Null(error);
        // fiber 20 km × 100 + repeater 5000 + 2 end nodes × 50 + 8 slots × 10 + 4 detectors × 7
        Assert.Equal(2000 + 5000 + 100 + 80 + 28, capital, 9);
        // capital over 10 years + base 100 + 1 repeater × 20 + 20 km × 3
        Assert.Equal(7208 / 10.0 + 100 + 20 + 60, yearly, 9);
    }

    [Fact]
    public void Price_Purification_BuysTheEndSlotsItNeeds()
    {
        var request = new PlanRequest(20_000) { Heralding = HeraldingScheme.Probabilistic, MemorySlotsPerLink = 1 };
        var (plain, _, _) = Planner.Price(request, Crafted(), new PlanDesign(0, 0.2, 1, null));
        var (purified, _, _) = Planner.Price(request, Crafted(), new PlanDesign(0, 0.2, 1, new PurificationSpec(PurificationScheme.Dejmps, 2)));
        Assert.Equal((3 - 1) * 2 * 10, purified - plain, 9); // 2 rounds of recurrence: 3 end slots instead of 1, at both ends
    }

    [Theory]
    [InlineData(0.25, 100.0)]
    [InlineData(0.2, 100.0)]
    [InlineData(0.18, 1000.0)]
    [InlineData(0.16, 1000.0)]
    [InlineData(0.1, double.NaN)]
    public void FiberPerKm_TakesTheCheapestGoodEnoughClass(double attenuation, double price) =>
        Assert.Equal(double.IsNaN(price) ? null : price, Crafted().FiberPerKm(attenuation));

    [Theory]
    [InlineData(0.5, 10.0)]
    [InlineData(1.0, 10.0)]
    [InlineData(2.0, 1000.0)]
    public void MemorySlotPrice_TakesTheCheapestLongEnoughClass(double t2, double price) =>
        Assert.Equal(price, Crafted().MemorySlotPrice(t2));

    [Fact]
    public void LoadFile_ShippedDefault_Loads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "QNet.slnx")))
        {
            dir = dir.Parent;
        }
        var (model, errors) = CostModelLoader.LoadFile(Path.Combine(dir.FullName, "scenarios", "costs.yaml"));
        Assert.Empty(errors);
        Assert.Equal(2, model!.Fiber.Count);
        Assert.Equal(0.16, model.Fiber[1].Threshold, 12);
    }

    [Fact]
    public void Parse_Mistakes_NameTheFields()
    {
        const string text = """
            lifetime: 10
            fiber:
              - { attenuation: 0.2, perKm: 100 }
            memorySlot: []
            repeater: -1
            detector: 5
            operatingPerYear: { base: 1, perSite: 2 }
            """;
        var (model, errors) = CostModelLoader.Parse(text, "c.yaml");
        Assert.Null(model);
        Assert.Equal(["fiber[0].attenuation", "memorySlot", "operatingPerYear.perSite", "repeater"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains("missing unit", errors.Single(e => e.Field == "fiber[0].attenuation").Message);
    }
}
