using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Errors;

[AllowAnonymous, IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    // Re-executed with the failed request's method and body: reading the code from the route, not through
    // model binding, keeps a body that cannot be read (a NUL, a broken multipart) from failing the error page too.
    [Route("error/{code:int?}")]
    public IActionResult Show()
    {
        var status = int.TryParse(RouteData.Values["code"]?.ToString(), out var c) && c is >= 400 and <= 599
            ? c : StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        return View("Error", new ErrorModel(status, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

/// <summary><paramref name="Detail"/> is the form's own reason when there is one ("The receipt is larger than 10 MB.").</summary>
public sealed record ErrorModel(int StatusCode, string RequestId, string? Detail = null)
{
    public string Title => StatusCode switch
    {
        404 => "Not found",
        413 => "Too large",
        400 => "Bad request",
        403 => "Not allowed",
        _ => "Something went wrong",
    };

    public string Message => StatusCode switch
    {
        404 => "There is nothing here, or it belongs to another account.",
        413 => "What you sent is larger than this form accepts. Go back and choose a smaller file.",
        400 => "The request could not be understood. If you were submitting a form, reload the page and try again.",
        403 => "You are not allowed to do this.",
        _ => "The error was logged. Nothing you typed was saved half-way; please try again.",
    };
}
