package dev.sluice.gateway.models;

import dev.sluice.gateway.api.ApiException;
import dev.sluice.schemas.event.ModelAnnounced;
import dev.sluice.schemas.role.ConditionalOnRole;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@ConditionalOnRole("gateway")
public class ModelsController {
    private final ModelCatalog catalog;

    public ModelsController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/v1/models")
    public Map<String, Object> list() {
        List<Map<String, Object>> data = catalog.all().stream()
                .sorted(Comparator.comparing(ModelAnnounced::id))
                .map(ModelsController::model)
                .toList();
        return Map.of("object", "list", "data", data);
    }

    @GetMapping("/v1/models/{id}")
    public Map<String, Object> one(@PathVariable String id) {
        return catalog.find(id)
                .map(ModelsController::model)
                .orElseThrow(() ->
                        ApiException.notFound("model", "model_not_found", "The model '" + id + "' does not exist."));
    }

    private static Map<String, Object> model(ModelAnnounced m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("object", "model");
        out.put("created", m.tsMs() / 1000);
        out.put("owned_by", "sluice");
        out.put("context_length", m.contextLength());
        out.put("engine", m.engine());
        return out;
    }
}
