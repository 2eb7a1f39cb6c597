using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QNet.ControlPlane.Auth;
using QNet.ControlPlane.Storage;
using QNet.ControlPlane.Twin;

namespace QNet.ControlPlane.Apis;

/// <summary>Body of <c>POST /api/v1/calibrations</c>.</summary>
/// <param name="Link">The link whose devices were calibrated.</param>
public sealed record CalibrationRequest(string? Link);

/// <summary><c>/api/v1/calibrations</c>: record calibration runs; each resets the link's calibration drift (M10).</summary>
internal static class CalibrationApi
{
    public static void MapCalibrationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/calibrations").WithTags("calibration");
        group.MapGet("/", async (ControlPlaneStore store) => TypedResults.Ok(await store.ListCalibrationsAsync().ConfigureAwait(false))).RequireViewer()
            .WithSummary("Calibration runs recorded.");
        group.MapPost("/", Record).RequireOperator().Accepts<CalibrationRequest>("application/json").ProducesValidationProblem()
            .WithSummary("Record a calibration run of a link; its drift returns to 0.");
    }

    private static async Task<IResult> Record(HttpRequest request, TwinCommandQueue commands, CalibrationLog log)
    {
        var (body, problem) = await ApiBodies.ReadAsync<CalibrationRequest>(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Link))
        {
            return ApiBodies.Invalid("link", "is required");
        }

        return await ApiBodies.RunAsync(commands.TryEnqueue(control: true, t => (Drift: t.Calibrate(body.Link), At: t.Clock.GetUtcNow())), r =>
        {
            if (r.Drift is not { } drift)
            {
                return ApiBodies.Invalid("link", $"'{body.Link}' is not a link of the network");
            }

            var record = log.Record(body.Link, r.At, drift);
            return TypedResults.Created($"/api/v1/calibrations/{record.Id}", record);
        }).ConfigureAwait(false);
    }
}
