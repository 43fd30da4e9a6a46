"""Developer tools: the protoc plugin behind `make gen`, the mesh/ generator (`make mesh`)."""
