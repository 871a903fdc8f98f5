package dev.sluice.gateway.web;

import dev.sluice.gateway.api.ApiJson;
import dev.sluice.schemas.id.Ids;
import dev.sluice.schemas.openai.OpenAiError;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's last-resort error page, for requests Tomcat refuses before Spring sees them (an
 * encoded slash in the path, a malformed request line): OpenAI's JSON instead of an HTML page
 * that names the server and its version.
 */
public final class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable t) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) return;
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error " + status : known.getReasonPhrase();
        String message = status == 400
                ? "The request could not be read (its line, path or headers are malformed); check the URL and headers."
                : "The request was refused: " + status + " " + reason + ".";
        try {
            // Refused before the correlation filter ran: still give the client an id to quote.
            if (response.getHeader(CorrelationIdFilter.HEADER) == null)
                response.setHeader(CorrelationIdFilter.HEADER, Ids.newId());
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            OutputStream out = response.getOutputStream();
            out.write(ApiJson.bytes(OpenAiError.of(
                    message,
                    status >= 500 ? "server_error" : "invalid_request_error",
                    null,
                    reason.toLowerCase(Locale.ROOT).replace(' ', '_'))));
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone; nothing to report to
        }
        response.getCoyoteResponse().action(ActionCode.CLOSE, null);
    }
}
