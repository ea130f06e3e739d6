package dev.leakpath.explorer;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.stereotype.Component;

/** Ready-made explorer queries, the first two as Defender's explorer offers them for code repositories. */
@Component
public class ExplorerTemplates {

	private static final String SECRETS_IN_REPOSITORIES = """
			{"source": {"family": "repository", "connections": [
			  {"edge": "contains", "target": {"family": "secret", "conditions": [
			    {"property": "category", "operator": "in", "value": ["connection_string", "key", "sas_token"]}]}}]}}
			""";

	private static final String TO_STORAGE_OR_DATABASES = """
			{"source": {"family": "repository", "types": ["%s"], "connections": [
			  {"edge": "contains", "target": {"family": "secret", "connections": [
			    {"edge": "canAuthenticateTo", "target": {"family": "cloudResource", "conditions": [
			      {"property": "category", "operator": "in", "value": ["object_storage", "managed_database"]}]}}]}}]}}
			""";

	private static final String EXPOSED_RESOURCES = """
			{"source": {"family": "cloudResource", "conditions": [
			  {"property": "internetExposed", "operator": "equals", "value": true}], "connections": [
			  {"edge": "canAuthenticateTo", "direction": "incoming", "target": {"family": "secret"}}]}}
			""";

	private static final String PRIVILEGED_IDENTITIES = """
			{"source": {"family": "repository", "connections": [
			  {"edge": "contains", "target": {"family": "secret", "connections": [
			    {"edge": "authenticatesAs", "target": {"family": "identity", "conditions": [
			      {"property": "privileged", "operator": "equals", "value": true}], "connections": [
			      {"edge": "canAccess", "target": {"family": "cloudResource"}}]}}]}}]}}
			""";

	private final List<ExplorerTemplate> templates;

	private final Map<String, ExplorerTemplate> byId;

	ExplorerTemplates(ObjectMapper mapper) {
		this.templates = List.of(
				template(mapper, "code-repositories-contain-secrets", "Code repositories contain secrets",
						"Repositories with an open finding for a connection string, a key or a SAS token.",
						SECRETS_IN_REPOSITORIES),
				template(mapper, "azure-devops-secrets-to-storage-or-databases",
						"Azure DevOps repositories contain secrets that can authenticate to Object Storage or Managed "
								+ "Databases",
						"Azure DevOps repositories with an open finding whose secret reaches a storage account, bucket "
								+ "or managed database.",
						TO_STORAGE_OR_DATABASES.formatted("azure_devops")),
				template(mapper, "github-secrets-to-storage-or-databases",
						"GitHub repositories contain secrets that can authenticate to Object Storage or Managed Databases",
						"GitHub repositories with an open finding whose secret reaches a storage account, bucket or "
								+ "managed database.",
						TO_STORAGE_OR_DATABASES.formatted("github")),
				template(mapper, "internet-exposed-resources-reachable-with-exposed-secrets",
						"Internet-exposed cloud resources can be reached with an exposed secret",
						"Resources open to the internet that a secret with an open finding can authenticate to.",
						EXPOSED_RESOURCES),
				template(mapper, "repositories-with-credentials-of-privileged-identities",
						"Code repositories contain credentials of privileged cloud identities",
						"Repositories with an open finding whose secret authenticates as an IAM user, service principal "
								+ "or service account that can change everything it reaches (AdministratorAccess, Owner, "
								+ "Contributor, roles/owner, roles/editor), and what it reaches.",
						PRIVILEGED_IDENTITIES));
		this.byId = templates.stream().collect(Collectors.toMap(ExplorerTemplate::id, Function.identity()));
	}

	public List<ExplorerTemplate> all() {
		return templates;
	}

	public ExplorerTemplate byId(String id) {
		return byId.get(id);
	}

	/** Templates are checked like any query, when the application starts. */
	private static ExplorerTemplate template(ObjectMapper mapper, String id, String name, String description,
			String json) {
		try {
			JsonNode query = mapper.readTree(json);
			ExplorerQueryParser.parse(query);
			return new ExplorerTemplate(id, name, description, query);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Explorer template " + id + " is not JSON", ex);
		}
	}

	public record ExplorerTemplate(String id, String name, String description,
			@Schema(ref = ExplorerSchemas.QUERY_REF) JsonNode query) {
	}

}
