using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace FreelancerOS.Web.Features.Errors;

[AllowAnonymous, IgnoreAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorsController : Controller
{
    [Route("error/{code:int?}")]
    public IActionResult Show(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        return View("Error", new ErrorModel(status, Activity.Current?.Id ?? HttpContext.TraceIdentifier));
    }
}

public sealed record ErrorModel(int StatusCode, string RequestId)
{
    public string Title => StatusCode switch
    {
        404 => "Not found",
        400 => "Bad request",
        403 => "Not allowed",
        _ => "Something went wrong",
    };

    public string Message => StatusCode switch
    {
        404 => "There is nothing here, or it belongs to another account.",
        400 => "The request could not be understood. If you were submitting a form, reload the page and try again.",
        403 => "You are not allowed to do this.",
        _ => "The error was logged. Nothing you typed was saved half-way; please try again.",
    };
}
